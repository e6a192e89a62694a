/**
 * The policy thread's entry point, bundled on its own as dist/policy-thread.js: mixture policies
 * are plain TypeScript, so a daemon serving external runs never loads tfjs (only the training
 * processes do, dist/train-worker.js).
 */
import { servePolicy } from './policy-thread';

servePolicy();
