// A real process appending `count` records to the JSONL log.
// argv: logFile count
import { Logger } from '../../src/log/logger.js';

const [file = '', count = '5000'] = process.argv.slice(2);
const log = new Logger(file, { maxBytes: 1024 * 1024 * 1024 });
for (let i = 0; i < Number(count); i++) log.info('test_line', `line ${i} of ${process.pid} ${'x'.repeat(i % 200)}`, `session-${i % 7}`);
log.close();
