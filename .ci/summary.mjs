// Sums the JSON reports of every jest and Playwright run of .ci/run and prints, as the very last
// line, "N passed, N failed". A step that failed without failing a test (lint, build, a suite
// that could not start) counts as one failure, so a red run never reads "0 failed".
// Exits non-zero when any step failed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const results = process.argv[2];
const steps = readFileSync(join(results, 'steps.tsv'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => {
    const [name, status, seconds] = line.split('\t');
    return { name, status: Number(status), seconds: Number(seconds) };
  });

let passed = 0;
let failed = 0;
const reports = new Map();

for (const file of existsSync(results) ? readdirSync(results) : []) {
  if (!file.endsWith('.json')) continue;
  let report;
  try {
    report = JSON.parse(readFileSync(join(results, file), 'utf8'));
  } catch {
    console.log(`${file}: unreadable report`);
    failed += 1;
    continue;
  }
  const counts = 'numPassedTests' in report ? fromJest(report) : fromPlaywright(report);
  reports.set(file, counts);
  passed += counts.passed;
  failed += counts.failed;
}

function fromJest(report) {
  return {
    passed: report.numPassedTests ?? 0,
    // A test file that failed to load has no failed tests, only a failed suite.
    failed: (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0),
  };
}

function fromPlaywright(report) {
  const stats = report.stats ?? {};
  return {
    passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
    failed: (stats.unexpected ?? 0) + (report.errors?.length ?? 0),
  };
}

console.log('\nSteps:');
for (const step of steps) {
  const outcome = step.status === 0 ? 'ok' : `FAILED (${step.status})`;
  console.log(`  ${step.name.padEnd(24)} ${outcome.padEnd(12)} ${step.seconds}s`);
}
console.log('Reports:');
for (const [file, counts] of reports) {
  console.log(`  ${file.padEnd(24)} ${counts.passed} passed, ${counts.failed} failed`);
}

for (const step of steps) {
  if (step.status === 0) continue;
  const stepFailures = [...reports.entries()]
    .filter(([file]) => reportOf(step.name) === file)
    .reduce((sum, [, counts]) => sum + counts.failed, 0);
  if (stepFailures === 0) failed += 1;
}

function reportOf(stepName) {
  const table = {
    'unit tests': 'unit.json',
    'api e2e (SQLite)': 'api-e2e-sqlite.json',
    'api e2e (MariaDB)': 'api-e2e-mariadb.json',
    'browser e2e (SQLite)': 'web-e2e-sqlite.json',
    'browser e2e (MariaDB)': 'web-e2e-mariadb.json',
  };
  return table[stepName];
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(steps.some((step) => step.status !== 0) ? 1 : 0);
