import { defineConfig } from 'tsup';
import { packageOptions } from '../../tsup.base.ts';

export default defineConfig(packageOptions);
