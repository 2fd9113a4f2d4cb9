// The consent-log receiver's tests run against a real PostgreSQL server too. This makes sure one
// answers at the test URL: as root on Debian it installs the `postgresql` package if missing, then
// starts a throw-away server for the tests on 127.0.0.1 (data in /tmp) with a role and a database.
// Run it again at will: it does nothing when the server already answers.
import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'

/** What the tests use when CONSENTRY_TEST_DATABASE_URL is not set (packages/server/test/databases.ts). */
const PORT = 54329
const ROLE = 'consentry'
const DATABASE = 'consentry_test'
const DATA = '/tmp/consentry-postgres'

if (process.env.CONSENTRY_TEST_DATABASE_URL) {
  console.log('ensure-postgres: CONSENTRY_TEST_DATABASE_URL is set; the tests use that server.')
  process.exit(0)
}

const answers = () =>
  new Promise(resolve => {
    let socket = connect(PORT, '127.0.0.1')
    socket.once('connect', () => {
      socket.end()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })

const isRoot = process.getuid?.() === 0

/** The newest installed server's bin folder (Debian keeps each major version apart). */
function findBin() {
  let root = '/usr/lib/postgresql'
  if (!existsSync(root)) return undefined
  let versions = readdirSync(root)
    .filter(version => existsSync(`${root}/${version}/bin/initdb`))
    .sort((a, b) => Number(b) - Number(a))
  return versions.length > 0 ? `${root}/${versions[0]}/bin` : undefined
}

/**
 * Runs a PostgreSQL program and returns what it printed; as root, it runs as the `postgres` user,
 * since initdb and postgres refuse to run as root.
 */
function run(bin, program, args) {
  let command = [`${bin}/${program}`, ...args]
  let [file, ...rest] = isRoot ? ['runuser', '-u', 'postgres', '--', ...command] : command
  return execFileSync(file, rest, { stdio: ['ignore', 'pipe', 'inherit'], cwd: '/tmp', encoding: 'utf8' })
}

if (await answers()) {
  console.log(`ensure-postgres: PostgreSQL already answers on 127.0.0.1:${PORT}.`)
  process.exit(0)
}

let bin = findBin()
if (!bin) {
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    console.error(
      'PostgreSQL is needed for the consent-log receiver tests and was not found in /usr/lib/postgresql.\n' +
        'Install it (Debian/Ubuntu: sudo apt-get install -y postgresql) and run this script again, or set\n' +
        'CONSENTRY_TEST_DATABASE_URL to a database the tests may use (they create and drop their own schemas).'
    )
    process.exit(1)
  }
  console.log('ensure-postgres: installing PostgreSQL for the receiver tests: apt-get install -y postgresql')
  // The package's own cluster (port 5432) is not used; policy-rc.d may keep it from starting, which is fine.
  execFileSync('bash', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql'], {
    stdio: 'inherit'
  })
  bin = findBin()
  if (!bin) {
    console.error('ensure-postgres: apt-get installed postgresql, but no initdb was found in /usr/lib/postgresql.')
    process.exit(1)
  }
}

if (!existsSync(`${DATA}/PG_VERSION`)) {
  mkdirSync(DATA, { recursive: true })
  if (isRoot) execFileSync('chown', ['postgres:postgres', DATA])
  chmodSync(DATA, 0o700)
  // Trust on loopback only: a throw-away test server that accepts no other connection.
  run(bin, 'initdb', ['-D', DATA, '-U', ROLE, '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8'])
  let config = [
    `port = ${PORT}`,
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${DATA}'`,
    // Test data: speed over durability.
    'fsync = off',
    'synchronous_commit = off',
    'full_page_writes = off',
    ''
  ].join('\n')
  writeFileSync(`${DATA}/postgresql.auto.conf`, config)
  if (isRoot) execFileSync('chown', ['postgres:postgres', `${DATA}/postgresql.auto.conf`])
}

console.log(`ensure-postgres: starting PostgreSQL (${bin}) on 127.0.0.1:${PORT}, data in ${DATA}`)
run(bin, 'pg_ctl', ['-D', DATA, '-l', `${DATA}/server.log`, '-w', '-t', '60', 'start'])
let address = ['-h', '127.0.0.1', '-p', String(PORT), '-U', ROLE]
let exists = run(bin, 'psql', [...address, '-d', 'postgres', '-tAc', `SELECT 1 FROM pg_database WHERE datname = '${DATABASE}'`])
if (exists.trim() !== '1') run(bin, 'createdb', [...address, DATABASE])
console.log(`ensure-postgres: ready at postgres://${ROLE}@127.0.0.1:${PORT}/${DATABASE}`)
