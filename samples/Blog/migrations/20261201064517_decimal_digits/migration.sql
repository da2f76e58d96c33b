-- Migration 20261201064517_decimal_digits, written by 'linq migrate dev' from Blog.Model.BlogDb. Review it before you commit it.
-- 2 operations:
--   1. drop check "Account_Balance_range" on "Account"
--   2. add check "Account_Balance_range" on "Account" (((abs("Balance") <= 79228162514264337593543950335) AND (scale("Balance") <= 28)) AND ((abs("Balance") * power(10.0, scale("Balance"))) <= 79228162514264337593543950335))
--
-- WARNING: 1 destructive operation; review before applying:
--   - add check "Account_Balance_range" on "Account" (((abs("Balance") <= 79228162514264337593543950335) AND (scale("Balance") <= 28)) AND ((abs("Balance") * power(10.0, scale("Balance"))) <= 79228162514264337593543950335)): fails if the column holds a value no decimal can read back: beyond ±79228162514264337593543950335, with more than 28 decimal places, or with more digits than decimal's 96 bits hold, counting the places of its scale (79228162514264337593543950001.5, or 59421121885698253195157962752.0); such a row cannot be read by the client today anyway: find it with WHERE NOT (((abs("Balance") <= 79228162514264337593543950335) AND (scale("Balance") <= 28)) AND ((abs("Balance") * power(10.0, scale("Balance"))) <= 79228162514264337593543950335)) and fix it first (round it, or cast it to fewer places) (0 values no decimal can read back)

ALTER TABLE "Account" DROP CONSTRAINT "Account_Balance_range";
ALTER TABLE "Account" ADD CONSTRAINT "Account_Balance_range" CHECK (((abs("Balance") <= 79228162514264337593543950335) AND (scale("Balance") <= 28)) AND ((abs("Balance") * power(10.0, scale("Balance"))) <= 79228162514264337593543950335)) NOT VALID;
ALTER TABLE "Account" VALIDATE CONSTRAINT "Account_Balance_range";
