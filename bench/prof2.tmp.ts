import { measureScale } from './scale.bench.ts';

console.log(measureScale('generational', 10_000_000));
