import type { SortMode } from '../config/schema.js';
import type { Session } from '../tmux/types.js';

/**
 * The dashboard's UI state and its reducer: pure, no React. The App keeps
 * the selection as a session id, never a row index, so sorting, filtering and
 * refreshing never move it to another session.
 */

export type Notice = { text: string; kind: 'info' | 'error' };

export type Mode =
  | { kind: 'list' }
  | { kind: 'filter' }
  | { kind: 'help' }
  | { kind: 'new'; name: string; dir: string; field: 'name' | 'dir' }
  | { kind: 'rename'; session: Session; name: string }
  | { kind: 'delete'; session: Session };

export interface State {
  sortMode: SortMode;
  selectedId: string | undefined;
  filter: string;
  mode: Mode;
  showPreview: boolean;
  notice: Notice | undefined;
}

export type Action =
  | { type: 'select'; id: string | undefined }
  | { type: 'sort'; mode: SortMode }
  | { type: 'mode'; mode: Mode }
  | { type: 'filter'; text: string }
  | { type: 'togglePreview' }
  | { type: 'notice'; notice: Notice | undefined };

export function reducer(state: State, action: Action): State {
  switch (action.type) {
    case 'select':
      return { ...state, selectedId: action.id };
    case 'sort':
      return { ...state, sortMode: action.mode };
    case 'mode':
      return { ...state, mode: action.mode };
    case 'filter':
      return { ...state, filter: action.text };
    case 'togglePreview':
      return { ...state, showPreview: !state.showPreview };
    case 'notice':
      return { ...state, notice: action.notice };
  }
}

