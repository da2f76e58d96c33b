// Prisma 7 (query compiler + @prisma/adapter-pg) and hand-written node-pg over the seeded database of
// Linq.Benchmarks, in the scenarios of the C# ORM comparison (benchmarks/Linq.Benchmarks/Comparison).
//
//   DATABASE_URL=postgres://… (or PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE) npx tsx bench.ts [options]
//
//   --iterations N     measured calls per scenario (default 300); each scenario stops early after --max-seconds
//   --warmup N         calls before measuring (default 50)
//   --warmup-seconds S least warm-up time per scenario and implementation (default 2: V8's optimizing tiers)
//   --max-seconds S    time bound of one scenario's measured calls (default 4)
//   --throughput S     seconds of each throughput run (default 10; 0 skips them)
//   --callers N        concurrent async callers of the throughput runs (default 16; the pools hold as many connections)
//   --only WORD        only scenarios whose name contains WORD
//   --json FILE        also write the results as JSON (read by the C# side-by-side step)
//
// The database is the one the C# benchmark program seeds (BenchmarkDatabase.cs): this script reads and writes it
// like the C# variants do and leaves it as it found it (created rows are deleted outside the measurement).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import pg from 'pg'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from './generated/client.ts'

// ---- the workload (benchmarks/Linq.Benchmarks/Competitors/Workload.cs) ----
const FIND_EMAIL = 'user500@bench.example'
const EMAIL_PREFIX = 'user1'
const FILTER_SKIP = 20
const FILTER_TAKE = 10
const RELATION_USERS = 100
const PAGE_SIZE = 20
const DEEP_POSITION = 90_000
const CREATE_ROWS = 1_000
const NESTED_POSTS = 10
const UPSERT_EMAIL = 'upsert-prisma@bench.example'
const ACCOUNT_A = 'account1@bench.example'
const ACCOUNT_B = 'account2@bench.example'
const BATCH_AUTHOR_ID = 7
const BATCH_TAKE = 5
const isAdmin = (i: number) => i % 50 === 0
// Transfers alternate their direction (the prepared argument says which), so balances stay near where they started.
const accounts = (direction: string) => (direction === 'back' ? [ACCOUNT_B, ACCOUNT_A] : [ACCOUNT_A, ACCOUNT_B])
const nestedTitles = Array.from({ length: NESTED_POSTS }, (_, i) => `Nested post ${i}`)

// ---- options ----
const args = process.argv.slice(2)
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name)
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback
}
const iterations = Number(option('--iterations', '300'))
const warmup = Number(option('--warmup', '50'))
const warmupSeconds = Number(option('--warmup-seconds', '2'))
const maxSeconds = Number(option('--max-seconds', '4'))
const throughputSeconds = Number(option('--throughput', '10'))
const callers = Number(option('--callers', '16'))
const only = option('--only', '')
const jsonOut = option('--json', '')

// Both libraries get a pool of `callers` connections; DATABASE_URL if given, else libpq's PG* variables (pg reads them).
const poolConfig: pg.PoolConfig = { max: callers, ...(process.env.DATABASE_URL ? { connectionString: process.env.DATABASE_URL } : {}) }
const pool = new pg.Pool(poolConfig)
const prisma = new PrismaClient({ adapter: new PrismaPg(poolConfig) })

// ---- hand-written node-pg: the Node floor, the same SQL as HandWrittenClient.cs where pg allows ----
const USER_COLUMNS = '"Id" AS id, "Email" AS email, "Name" AS name, "Role" AS role'
const POST_COLUMNS = '"Id" AS id, "Title" AS title, "Content" AS content, "Published" AS published, "AuthorId" AS "authorId", "CreatedAt" AS "createdAt"'

// pg parses json columns with JSON.parse; the timestamps inside arrive as ISO text and become Dates like Prisma's.
type PostRow = { id: number; title: string; content: string | null; published: boolean; authorId: number; createdAt: Date; comments?: CommentRow[] }
type CommentRow = { id: number; text: string; postId: number; createdAt: Date }
const toPost = (p: any): PostRow => ({ ...p, createdAt: new Date(p.createdAt), ...(p.comments ? { comments: p.comments.map(toComment) } : {}) })
const toComment = (c: any): CommentRow => ({ ...c, createdAt: new Date(c.createdAt) })

// Relations in one statement: each user's posts (and their comments) as one JSON array from a lateral, the shape a
// Node developer reaches for (JSON.parse is native; pg's text-format arrays would be parsed in JavaScript).
const postsJson = (comments: boolean) => `
  SELECT u."Id" AS id, u."Email" AS email, u."Name" AS name, u."Role" AS role, p.value AS posts
  FROM "User" AS u
  LEFT JOIN LATERAL (
    SELECT COALESCE(json_agg(json_build_object('id', p."Id", 'title', p."Title", 'content', p."Content", 'published', p."Published",
                                               'authorId', p."AuthorId", 'createdAt', p."CreatedAt"${comments ? ", 'comments', c.value" : ''}) ORDER BY p."Id"), '[]'::json) AS value
    FROM "Post" AS p${comments ? `
    LEFT JOIN LATERAL (
      SELECT COALESCE(json_agg(json_build_object('id', c."Id", 'text', c."Text", 'postId', c.post_id, 'createdAt', c."CreatedAt") ORDER BY c."Id"), '[]'::json) AS value
      FROM comments AS c WHERE c.post_id = p."Id"
    ) AS c ON TRUE` : ''}
    WHERE p."AuthorId" = u."Id"
  ) AS p ON TRUE
  ORDER BY u."Id"
  LIMIT $1`
const POSTS_SQL = postsJson(false)
const POSTS_COMMENTS_SQL = postsJson(true)

const nodePg = {
  findUnique: async () => (await pool.query(`SELECT ${USER_COLUMNS} FROM "User" WHERE "Email" = $1 LIMIT 1`, [FIND_EMAIL])).rows[0] ?? null,
  filterPage: async () =>
    (await pool.query('SELECT "Id" AS id, "Email" AS email, "Name" AS name FROM "User" WHERE "Email" LIKE $1 ORDER BY "Id" LIMIT $2 OFFSET $3',
      [EMAIL_PREFIX + '%', FILTER_TAKE, FILTER_SKIP])).rows,
  usersWithPosts: async () => (await pool.query(POSTS_SQL, [RELATION_USERS])).rows.map((u) => ({ ...u, posts: u.posts.map(toPost) })),
  usersWithPostsComments: async () => (await pool.query(POSTS_COMMENTS_SQL, [RELATION_USERS])).rows.map((u) => ({ ...u, posts: u.posts.map(toPost) })),
  nestedProjection: async () =>
    (await pool.query(`SELECT u."Name" AS name, COALESCE(t.titles, '{}') AS titles
                       FROM (SELECT "Id", "Name" FROM "User" ORDER BY "Id" LIMIT $1) AS u
                       LEFT JOIN LATERAL (SELECT array_agg(p."Title" ORDER BY p."Id") AS titles FROM "Post" AS p WHERE p."AuthorId" = u."Id") AS t ON TRUE
                       ORDER BY u."Id"`, [RELATION_USERS])).rows,
  deepPageCursor: async () => (await pool.query(`SELECT ${POST_COLUMNS} FROM "Post" WHERE "Id" > $1 ORDER BY "Id" LIMIT $2`, [DEEP_POSITION, PAGE_SIZE])).rows,
  deepPageOffset: async () => (await pool.query(`SELECT ${POST_COLUMNS} FROM "Post" ORDER BY "Id" OFFSET $1 LIMIT $2`, [DEEP_POSITION, PAGE_SIZE])).rows,
  nestedCreate: async (email: string) =>
    (await pool.query(`WITH u AS (INSERT INTO "User" ("Email", "Name") VALUES ($1, $2) RETURNING "Id"),
                            p AS (INSERT INTO "Post" ("Title", "AuthorId") SELECT t, u."Id" FROM u, unnest($3::text[]) AS t)
                       SELECT "Id" AS id FROM u`, [email, 'Nested', nestedTitles])).rows[0].id as number,
  upsert: async (name: string) =>
    (await pool.query(`INSERT INTO "User" ("Email", "Name", "Role") VALUES ($1, $2, 'User') ON CONFLICT ("Email") DO UPDATE SET "Name" = $2 RETURNING ${USER_COLUMNS}`,
      [UPSERT_EMAIL, name])).rows[0],
  transfer: async (direction: string) => {
    const [from, to] = accounts(direction)
    const client = await pool.connect()
    try {
      await client.query('BEGIN')
      await client.query('UPDATE "Account" SET "Balance" = "Balance" - $1 WHERE "Email" = $2', [1, from])
      await client.query('UPDATE "Account" SET "Balance" = "Balance" + $1 WHERE "Email" = $2', [1, to])
      const balance = (await client.query('SELECT "Balance" AS balance FROM "Account" WHERE "Email" = $1', [from])).rows[0].balance as string
      if (Number(balance) < 0) throw new Error(`${from} would be overdrawn`)
      await client.query('COMMIT')
      return balance
    } catch (e) {
      await client.query('ROLLBACK')
      throw e
    } finally {
      client.release()
    }
  },
  // pg sends one statement per round trip and does not pipeline, so BEGIN; page; count; COMMIT would be four
  // round trips. One statement reads the page and the count from one snapshot: the same guarantee in one round trip.
  batchTransaction: async () => {
    const row = (await pool.query(`SELECT (SELECT COALESCE(json_agg(p), '[]'::json) FROM (SELECT ${POST_COLUMNS} FROM "Post" WHERE "AuthorId" = $1 ORDER BY "Id" DESC LIMIT $2) AS p) AS items,
                                          (SELECT count(*)::int FROM "Post" WHERE "AuthorId" = $1) AS total`, [BATCH_AUTHOR_ID, BATCH_TAKE])).rows[0]
    return { items: row.items.map(toPost), total: row.total as number }
  },
  createMany: async (prefix: string) => {
    const emails: string[] = [], names: string[] = [], roles: string[] = []
    for (let i = 0; i < CREATE_ROWS; i++) {
      emails.push(`${prefix}${i}@x.io`)
      names.push(`Bulk ${i}`)
      roles.push(isAdmin(i) ? 'Admin' : 'User')
    }
    return (await pool.query('INSERT INTO "User" ("Email", "Name", "Role") SELECT * FROM unnest($1::text[], $2::text[], $3::"Role"[])', [emails, names, roles])).rowCount
  },
}

// ---- Prisma 7: the idiomatic calls ----
const usersWithPosts = (strategy: 'query' | 'join') =>
  prisma.user.findMany({ relationLoadStrategy: strategy, orderBy: { id: 'asc' }, take: RELATION_USERS, include: { posts: { orderBy: { id: 'asc' } } } })
const usersWithPostsComments = (strategy: 'query' | 'join') =>
  prisma.user.findMany({
    relationLoadStrategy: strategy,
    orderBy: { id: 'asc' },
    take: RELATION_USERS,
    include: { posts: { orderBy: { id: 'asc' }, include: { comments: { orderBy: { id: 'asc' } } } } },
  })
const nestedProjection = (strategy: 'query' | 'join') =>
  prisma.user.findMany({ relationLoadStrategy: strategy, orderBy: { id: 'asc' }, take: RELATION_USERS, select: { name: true, posts: { orderBy: { id: 'asc' }, select: { title: true } } } })

const prismaOps = {
  findUnique: () => prisma.user.findUnique({ where: { email: FIND_EMAIL } }),
  filterPage: () =>
    prisma.user.findMany({ where: { email: { startsWith: EMAIL_PREFIX } }, orderBy: { id: 'asc' }, skip: FILTER_SKIP, take: FILTER_TAKE, select: { id: true, email: true, name: true } }),
  // Prisma's cursor: the row with that id, skipped (`skip: 1`), then the next page; the documented idiom.
  deepPageCursor: () => prisma.post.findMany({ cursor: { id: DEEP_POSITION }, skip: 1, take: PAGE_SIZE, orderBy: { id: 'asc' } }),
  // The same page with a plain filter (what the hand-written code does).
  deepPageWhere: () => prisma.post.findMany({ where: { id: { gt: DEEP_POSITION } }, take: PAGE_SIZE, orderBy: { id: 'asc' } }),
  deepPageOffset: () => prisma.post.findMany({ skip: DEEP_POSITION, take: PAGE_SIZE, orderBy: { id: 'asc' } }),
  nestedCreate: async (email: string) =>
    (await prisma.user.create({ data: { email, name: 'Nested', posts: { create: nestedTitles.map((title) => ({ title })) } }, select: { id: true } })).id,
  upsert: (name: string) => prisma.user.upsert({ where: { email: UPSERT_EMAIL }, create: { email: UPSERT_EMAIL, name, role: 'User' }, update: { name } }),
  // Interactive transaction with Prisma's defaults (max wait 2 s, timeout 5 s), as LinqClient.TransferAsync.
  transfer: (direction: string) => {
    const [from, to] = accounts(direction)
    return prisma.$transaction(async (tx) => {
      await tx.account.update({ where: { email: from }, data: { balance: { decrement: 1 } } })
      await tx.account.update({ where: { email: to }, data: { balance: { increment: 1 } } })
      const account = await tx.account.findUnique({ where: { email: from } })
      if (!account || account.balance.isNegative()) throw new Error(`${from} would be overdrawn`)
      return account.balance
    })
  },
  // The batch ($transaction([...])): BEGIN, the queries, COMMIT.
  batchTransaction: async () => {
    const [items, total] = await prisma.$transaction([
      prisma.post.findMany({ where: { authorId: BATCH_AUTHOR_ID }, orderBy: { id: 'desc' }, take: BATCH_TAKE }),
      prisma.post.count({ where: { authorId: BATCH_AUTHOR_ID } }),
    ])
    return { items, total }
  },
  createMany: (prefix: string) => {
    const data = Array.from({ length: CREATE_ROWS }, (_, i) => ({ email: `${prefix}${i}@x.io`, name: `Bulk ${i}`, role: isAdmin(i) ? ('Admin' as const) : ('User' as const) }))
    return prisma.user.createMany({ data }).then((r) => r.count)
  },
}

// ---- measurement ----
type Result = { scenario: string; implementation: string; medianUs: number; meanUs: number; p95Us: number; calls: number }
const results: Result[] = []

let counter = 0
const next = () => ++counter

// `prepare` runs before each call, outside the timing (e.g. a fresh e-mail); `cleanup` after every `cleanupEvery` calls.
async function measure(scenario: string, implementation: string, op: (arg: string) => Promise<unknown>,
  opts: { prepare?: () => string; cleanup?: () => Promise<void>; cleanupEvery?: number; iterations?: number; warmup?: number } = {}) {
  if (only && !scenario.toLowerCase().includes(only.toLowerCase())) return
  const prepare = opts.prepare ?? (() => '')
  const n = opts.iterations ?? iterations
  const every = opts.cleanupEvery ?? 0
  const warmUntil = performance.now() + warmupSeconds * 1000
  for (let i = 0; i < (opts.warmup ?? warmup) || performance.now() < warmUntil; i++) {
    await op(prepare())
    if (every && (i + 1) % every === 0) await opts.cleanup!()
  }
  if (opts.cleanup) await opts.cleanup()
  const times: number[] = []
  const deadline = performance.now() + maxSeconds * 1000
  for (let i = 0; i < n && (i < 10 || performance.now() < deadline); i++) {
    const arg = prepare()
    const start = process.hrtime.bigint()
    await op(arg)
    times.push(Number(process.hrtime.bigint() - start) / 1000)
    if (every && (i + 1) % every === 0) await opts.cleanup!()
  }
  if (opts.cleanup) await opts.cleanup()
  times.sort((a, b) => a - b)
  const median = times.length % 2 ? times[(times.length - 1) / 2] : (times[times.length / 2 - 1] + times[times.length / 2]) / 2
  const mean = times.reduce((s, t) => s + t, 0) / times.length
  const p95 = times[Math.min(times.length - 1, Math.floor(times.length * 0.95))]
  results.push({ scenario, implementation, medianUs: median, meanUs: mean, p95Us: p95, calls: times.length })
  console.log(`${scenario.padEnd(24)} ${implementation.padEnd(24)} median ${fmt(median).padStart(10)}  mean ${fmt(mean).padStart(10)}  (${times.length} calls)`)
}

const fmt = (us: number) => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(1)} µs`)

type Throughput = {
  scenario: string; implementation: string; callers: number; seconds: number; operations: number; opsPerSecond: number
  clientCpuUsPerOp: number; serverCpuUsPerOp: number | null
}
const throughput: Throughput[] = []

// CPU time (µs) of every `postgres` process and its ended children so far, from Linux's /proc (USER_HZ = 100 ticks per
// second); null without /proc. The same measure as the C# side's SideBySide/ServerCpu.cs.
function serverCpuUs(): number | null {
  let entries: string[]
  try { entries = readdirSync('/proc') } catch { return null }
  let ticks = 0
  for (const pid of entries) {
    if (!/^\d+$/.test(pid)) continue
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const open = stat.indexOf('('), close = stat.lastIndexOf(')')
      if (open < 0 || close < open || stat.slice(open + 1, close) !== 'postgres') continue
      const fields = stat.slice(close + 2).split(' ')
      // utime, stime, cutime, cstime: the postmaster's reaped backends count too, so a backend ending mid-run keeps its CPU.
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])
    } catch { /* the process ended while it was read */ }
  }
  return ticks * 10_000
}

// `callers` async loops over one pool for `seconds`, after a short warm-up; counts the calls that completed in time.
async function run(scenario: string, implementation: string, op: () => Promise<unknown>) {
  if (throughputSeconds <= 0 || (only && !scenario.toLowerCase().includes(only.toLowerCase()))) return
  const loop = async (until: number) => {
    let done = 0
    while (performance.now() < until) {
      await op()
      done++
    }
    return done
  }
  await Promise.all(Array.from({ length: callers }, () => loop(performance.now() + 1000)))
  const cpuBefore = process.cpuUsage()
  const serverBefore = serverCpuUs()
  const start = performance.now()
  const counts = await Promise.all(Array.from({ length: callers }, () => loop(start + throughputSeconds * 1000)))
  const elapsed = (performance.now() - start) / 1000
  const cpu = process.cpuUsage(cpuBefore)
  const serverAfter = serverCpuUs()
  const operations = counts.reduce((s, c) => s + c, 0)
  throughput.push({
    scenario, implementation, callers, seconds: elapsed, operations, opsPerSecond: operations / elapsed,
    clientCpuUsPerOp: (cpu.user + cpu.system) / operations,
    serverCpuUsPerOp: serverBefore === null || serverAfter === null ? null : (serverAfter - serverBefore) / operations,
  })
  console.log(`throughput ${scenario.padEnd(14)} ${implementation.padEnd(10)} ${callers} callers ${elapsed.toFixed(1)} s: ${(operations / elapsed).toFixed(0)} ops/s`)
}

// ---- checks: every variant must do the same work before anything is measured ----
function check(name: string, condition: boolean, detail: unknown) {
  if (!condition) throw new Error(`check failed: ${name}: ${JSON.stringify(detail).slice(0, 300)}`)
}

async function verify() {
  const [a, b] = [await nodePg.findUnique(), await prismaOps.findUnique()]
  check('findUnique', a?.id === 500 && b?.id === 500 && a.email === b.email && a.role === b.role, [a, b])
  const [fa, fb] = [await nodePg.filterPage(), await prismaOps.filterPage()]
  check('filterPage', fa.length === FILTER_TAKE && JSON.stringify(fa) === JSON.stringify(fb), [fa, fb])
  for (const [name, hand, orm] of [
    ['usersWithPosts', nodePg.usersWithPosts, () => usersWithPosts('query')],
    ['usersWithPostsJoin', nodePg.usersWithPosts, () => usersWithPosts('join')],
    ['usersWithPostsComments', nodePg.usersWithPostsComments, () => usersWithPostsComments('query')],
    ['usersWithPostsCommentsJoin', nodePg.usersWithPostsComments, () => usersWithPostsComments('join')],
    ['deepPageCursor', nodePg.deepPageCursor, prismaOps.deepPageCursor],
    ['deepPageWhere', nodePg.deepPageCursor, prismaOps.deepPageWhere],
    ['deepPageOffset', nodePg.deepPageOffset, prismaOps.deepPageOffset],
  ] as const) {
    const [x, y] = [await (hand as () => Promise<any[]>)(), await (orm as () => Promise<any[]>)()]
    check(name, x.length > 0 && digest(x) === digest(y), [digest(x), digest(y)])
  }
  const nested = (await nestedProjection('query')).map((u) => ({ name: u.name, titles: u.posts.map((p) => p.title) }))
  check('nestedProjection values', JSON.stringify(nested) === JSON.stringify(await nodePg.nestedProjection()), nested.length)
  const [ba, bb] = [await nodePg.batchTransaction(), await prismaOps.batchTransaction()]
  check('batchTransaction', ba.total === 10 && bb.total === 10 && digest(ba.items) === digest(bb.items), [ba.total, bb.total])
  const [ta, tb] = [await nodePg.transfer('forth'), await prismaOps.transfer('back')]
  // There and back: each returns the debited account's balance as stored after its commit.
  const stored = Number((await pool.query('SELECT "Balance" AS b FROM "Account" WHERE "Email" = $1', [ACCOUNT_B])).rows[0].b)
  check('transfer', Number(tb.toString()) === stored && Number(ta) >= 0, [ta, tb.toString(), stored])
  console.log('// verified: node-pg and Prisma return the same rows in every read scenario')
}

// Counts and a checksum over ids, titles, contents and timestamps (ms) of a users/posts/comments tree or a flat list.
function digest(rows: any[]): string {
  let count = 0, sum = 0
  const visit = (o: any) => {
    count++
    for (const [k, v] of Object.entries(o)) {
      if (Array.isArray(v)) v.forEach((x) => (typeof x === 'object' ? visit(x) : (sum = (sum * 31 + hash(String(x))) % 1_000_000_007)))
      else if (v instanceof Date) sum = (sum * 31 + (v.getTime() % 1_000_000)) % 1_000_000_007
      else sum = (sum * 31 + hash(k + '=' + String(v))) % 1_000_000_007
    }
  }
  rows.forEach(visit)
  return `${count}:${sum}`
}
const hash = (s: string) => {
  let h = 0
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) % 1_000_000_007
  return h
}

// ---- cleanup of created rows (outside the measurement) ----
const deleteNested = async () => {
  await pool.query(`DELETE FROM "Post" WHERE "AuthorId" IN (SELECT "Id" FROM "User" WHERE "Email" LIKE 'prisma-nested-%')`)
  await pool.query(`DELETE FROM "User" WHERE "Email" LIKE 'prisma-nested-%'`)
}
const deleteCreated = async () => {
  await pool.query(`DELETE FROM "User" WHERE "Email" LIKE 'prisma-create-%'`)
}

async function main() {
  const version = (await pool.query('SHOW server_version')).rows[0].server_version
  console.log(`// node ${process.version}, PostgreSQL ${version}`)
  await verify()

  const both = async (scenario: string, hand: (arg: string) => Promise<unknown>, orm: (arg: string) => Promise<unknown>, opts = {}) => {
    await measure(scenario, 'node-pg', hand, opts)
    await measure(scenario, 'Prisma', orm, opts)
  }
  await both('FindUnique', nodePg.findUnique, prismaOps.findUnique)
  await both('FilterPage', nodePg.filterPage, prismaOps.filterPage)
  await both('IncludePosts', nodePg.usersWithPosts, () => usersWithPosts('query'))
  await measure('IncludePosts', 'Prisma_Join', () => usersWithPosts('join'))
  await both('IncludePostsComments', nodePg.usersWithPostsComments, () => usersWithPostsComments('query'))
  await measure('IncludePostsComments', 'Prisma_Join', () => usersWithPostsComments('join'))
  await both('NestedProjection', nodePg.nestedProjection, () => nestedProjection('query'))
  await measure('NestedProjection', 'Prisma_Join', () => nestedProjection('join'))
  await both('DeepPage/Cursor', nodePg.deepPageCursor, prismaOps.deepPageCursor)
  await measure('DeepPage/Cursor', 'Prisma_WhereGt', prismaOps.deepPageWhere)
  await both('DeepPage/Offset', nodePg.deepPageOffset, prismaOps.deepPageOffset)
  const nested = { prepare: () => `prisma-nested-${next()}@x.io`, cleanup: deleteNested, cleanupEvery: 100 }
  await both('NestedCreate', nodePg.nestedCreate, prismaOps.nestedCreate, nested)
  const upsert = { prepare: () => `Upserted ${next()}`, cleanup: async () => { await pool.query('DELETE FROM "User" WHERE "Email" = $1', [UPSERT_EMAIL]) } }
  await both('Upsert', nodePg.upsert, prismaOps.upsert, upsert)
  await both('TransferTransaction', nodePg.transfer, prismaOps.transfer, { prepare: () => (next() % 2 ? 'forth' : 'back') })
  await both('BatchTransaction', nodePg.batchTransaction, prismaOps.batchTransaction)
  const create = { prepare: () => `prisma-create-${next()}-`, cleanup: deleteCreated, cleanupEvery: 4, iterations: Math.min(iterations, 60), warmup: Math.min(warmup, 8) }
  await both('CreateMany', nodePg.createMany, prismaOps.createMany, create)
  await pool.query('VACUUM ANALYZE "User", "Post", "Account"')

  await run('FindUnique', 'node-pg', nodePg.findUnique)
  await run('FindUnique', 'Prisma', prismaOps.findUnique)
  await run('IncludePosts', 'node-pg', nodePg.usersWithPosts)
  await run('IncludePosts', 'Prisma', () => usersWithPosts('query'))

  const versions = Object.fromEntries(['@prisma/client', '@prisma/adapter-pg', 'prisma', 'pg'].map((name) => [name, installedVersion(name)]))
  versions.node = process.version
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ versions, serverVersion: version, callers, results, throughput }, null, 2))
  console.log(`// versions: ${JSON.stringify(versions)}`)
}

function installedVersion(name: string): string {
  return JSON.parse(readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url), 'utf8')).version
}

try {
  await main()
} finally {
  await prisma.$disconnect()
  await pool.end()
}
