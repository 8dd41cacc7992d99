/**
 * Imported first by the `tributary` command: larger V8 inlining budgets for everything it runs (see
 * engine/runtime/v8-tuning.ts), set before any engine code is hot. `TRIBUTARY_V8_TUNING=off` leaves V8's.
 */
import { tuneV8 } from '../engine/runtime/v8-tuning.js';

tuneV8();
