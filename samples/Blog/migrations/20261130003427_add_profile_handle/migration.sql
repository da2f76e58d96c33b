-- Migration 20261130003427_add_profile_handle, written by 'linq migrate dev' from Blog.Model.BlogDb. Review it before you commit it.
-- 1 operation:
--   1. add column "Profile"."Handle" text

ALTER TABLE "Profile" ADD COLUMN "Handle" text;

-- Backfill (added by hand after 'linq migrate dev --create-only'): existing profiles get the user's email name.
UPDATE "Profile" AS p SET "Handle" = split_part(u."Email", '@', 1) FROM "User" AS u WHERE u."Id" = p."UserId" AND p."Handle" IS NULL;
