// Prisma 7 reads its CLI configuration from here. Only `prisma generate` is used: it needs no database, so no
// datasource URL is configured (the benchmark passes DATABASE_URL to the pg driver adapter at run time).
import { defineConfig } from 'prisma/config'

export default defineConfig({
  schema: 'schema.prisma',
})
