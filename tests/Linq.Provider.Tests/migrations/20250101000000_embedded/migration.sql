CREATE TABLE "embedded_check" ("id" integer PRIMARY KEY);
INSERT INTO "embedded_check" VALUES (1);
