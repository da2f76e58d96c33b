-- Migration 20261130221500_decimal_range_check, written by 'linq migrate dev' from Blog.Model.BlogDb. Review it before you commit it.
-- 1 operation:
--   1. add check "Account_Balance_range" on "Account" (abs("Balance") <= 79228162514264337593543950335)
--
-- WARNING: 1 destructive operation; review before applying:
--   - add check "Account_Balance_range" on "Account" (abs("Balance") <= 79228162514264337593543950335): fails if the column holds a value beyond decimal's range (±79228162514264337593543950335); such a row cannot be read by the client today anyway: find it with WHERE abs(column) > 79228162514264337593543950335 and fix it first (0 values beyond decimal's range)

ALTER TABLE "Account" ADD CONSTRAINT "Account_Balance_range" CHECK (abs("Balance") <= 79228162514264337593543950335) NOT VALID;
ALTER TABLE "Account" VALIDATE CONSTRAINT "Account_Balance_range";
