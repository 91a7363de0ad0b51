// A real process appending `count` records to the JSONL log.
// argv: logFile count [maxBytes] — without maxBytes the log never rotates.
import { Logger } from '../../src/log/logger.js';

const [file = '', count = '5000', maxBytes = String(1024 * 1024 * 1024)] = process.argv.slice(2);
const log = new Logger(file, { maxBytes: Number(maxBytes) });
for (let i = 0; i < Number(count); i++) log.info('test_line', `line ${i} of ${process.pid} ${'x'.repeat(i % 200)}`, `session-${i % 7}`);
log.close();
