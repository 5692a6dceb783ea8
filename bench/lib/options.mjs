// Command-line options of bench/run.sh (bench/README.md lists them).

const DEFAULTS = {
  pairs: 500,
  rates: '250,500,1000,2000,3000',
  'step-seconds': 10,
  'warmup-rates': '250,1000,1000',
  'warmup-seconds': 10,
  'p99-limit': 100,
  targets: 'raw,durable,haven',
  'haven-nodes': 1,
  'haven-client-urls': '',
  'haven-therapist-urls': '',
  'redis-url': '',
  'java-options': '',
  'relay-pool': 16,
  history: 0,
  'history-pairs': 10,
  build: false,
  keep: false,
  'no-skip': false,
  online: false,
  json: '',
};

const HELP = `Usage: bench/run.sh [--option value ...]

  --pairs N               client-therapist pairs per Haven target (default 500; the relays use the first N)
  --rates LIST            message rates of the measured steps, msg/s (default 250,500,1000,2000,3000)
  --step-seconds S        length of each step (default 10)
  --warmup-rates LIST     unreported warm-up runs on each target before the steps (default 250,1000,1000; "" for none)
  --warmup-seconds S      length of each warm-up run (default 10)
  --p99-limit MS          the "held" rule's p99 bound (default 100)
  --targets LIST          any of raw,durable,haven (default all three)
  --haven-nodes N         Haven nodes to start (default 1). With 2 or more, through Redis, a second Haven
                          target puts each client on one node and their therapist on another
  --haven-client-urls L   /ws URLs of the clients of the cross-node target (comma separated, default: the
  --haven-therapist-urls L  even-numbered nodes for clients, the odd-numbered ones for therapists)
  --redis-url URL         Redis for the nodes (default: a redis-server started for the run)
  --java-options "..."    JVM options of the Haven nodes
  --relay-pool N          PostgreSQL connections of the durable relay (default 16)
  --history N             load N earlier messages (all read) into the first --history-pairs conversations
                          before the run; each step then reports their p50/p99 and the other pairs' apart
  --history-pairs K       how many conversations get that history (default 10)
  --build                 package Haven first even if target/haven-*.jar exists
  --online                let Maven download what ~/.m2 lacks (the seeding step runs offline otherwise)
  --no-skip               run every rate on every target (by default a target that failed a step badly
                          skips the higher rates)
  --keep                  keep the run's directory (logs, PostgreSQL's data) after a successful run
  --json FILE             also write every figure to FILE
`;

/** Parses `--flag value`, `--flag=value` and boolean `--flag` against `defaults` (their types); --help prints `help`. */
export function parseArgs(argv, defaults, help) {
  const options = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log(help);
      process.exit(0);
    }
    const [flag, inline] = arg.startsWith('--') ? arg.slice(2).split(/=(.*)/s) : [null];
    if (!flag || !(flag in defaults)) {
      throw new Error(`Unknown option ${arg}\n\n${help}`);
    }
    if (typeof defaults[flag] === 'boolean') {
      options[flag] = true;
    } else {
      const value = inline ?? argv[++i];
      if (value === undefined) {
        throw new Error(`${arg} needs a value`);
      }
      options[flag] = typeof defaults[flag] === 'number' ? Number(value) : value;
      if (Number.isNaN(options[flag])) {
        throw new Error(`${arg} needs a number`);
      }
    }
  }
  return options;
}

export function parseOptions(argv) {
  const options = parseArgs(argv, DEFAULTS, HELP);
  const list = (value) => String(value).split(',').map((s) => s.trim()).filter(Boolean);
  options.rates = list(options.rates).map(Number);
  options['warmup-rates'] = list(options['warmup-rates']).map(Number);
  options.targets = list(options.targets);
  options['haven-client-urls'] = list(options['haven-client-urls']);
  options['haven-therapist-urls'] = list(options['haven-therapist-urls']);
  for (const target of options.targets) {
    if (!['raw', 'durable', 'haven'].includes(target)) {
      throw new Error(`Unknown target ${target}: raw, durable or haven`);
    }
  }
  return options;
}
