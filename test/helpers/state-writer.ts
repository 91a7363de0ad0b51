// A real process changing the remembered sort mode `count` times.
// argv: stateFile count
import { SORT_MODES } from '../../src/config/schema.js';
import { updateState } from '../../src/state/state.js';

const [file = '', count = '100'] = process.argv.slice(2);
for (let i = 0; i < Number(count); i++) {
  await updateState(file, { sort_mode: SORT_MODES[(i + process.pid) % SORT_MODES.length] });
}
