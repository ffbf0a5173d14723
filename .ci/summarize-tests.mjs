// Prints the plain "N passed, M failed" line from vitest's JSON report. An optional second
// argument adds failures that are not tests (CI steps such as the build or the docs).
import { readFileSync } from 'node:fs';

const file = process.argv[2];
const otherFailures = Number(process.argv[3] ?? 0);
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  console.log(`tests: no report at ${file} (${error.message})`);
  console.log(`0 passed, ${1 + otherFailures} failed`);
  process.exit(1);
}
const passed = report.numPassedTests ?? 0;
const failed = (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0) + otherFailures;
if (passed + failed === 0) {
  console.log('tests: the report lists no test at all');
  console.log(`0 passed, ${1 + otherFailures} failed`);
  process.exit(1);
}
console.log(`${passed} passed, ${failed} failed`);
