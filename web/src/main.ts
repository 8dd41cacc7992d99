/** The editor page: login, the CodeMirror editor with highlighting, live diagnostics and completion, and the app tools. */
import { autocompletion, type Completion } from '@codemirror/autocomplete';
import { forceLinting, lintGutter, linter } from '@codemirror/lint';
import { EditorView, basicSetup } from 'codemirror';
import { ApiClient, ApiError, type Credentials, type ValidationError } from './api-client.js';
import { completionOptions, siddhiCompletions } from './completion.js';
import { errorRange, toDiagnostics } from './diagnostics.js';
import { siddhiLanguage } from './siddhi-language.js';

const SAMPLE = `@app:name('Hello')

define stream InputStream (name string, amount double);

@info(name = 'big')
from InputStream[amount > 10]
select name, amount
insert into BigStream;
`;

function el<T extends HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`the page has no #${id}`);
  return e as T;
}

function setStatus(text: string, kind: 'ok' | 'error' | 'info' = 'info'): void {
  const s = el('status');
  s.textContent = text;
  s.className = kind;
}

function messageOf(e: unknown): string {
  if (e instanceof ApiError) {
    const errors = (e.body as { errors?: ValidationError[] } | undefined)?.errors;
    const where = Array.isArray(errors) ? errors.map((x) => ` [${x.line}:${x.column} ${x.message}]`).join('') : '';
    return `${e.status}: ${e.message}${where}`;
  }
  return e instanceof Error ? e.message : String(e);
}

function showProblems(view: EditorView, errors: readonly ValidationError[]): void {
  const list = el('problems');
  list.replaceChildren(
    ...errors.map((e) => {
      const li = document.createElement('li');
      li.className = 'problem';
      li.dataset['line'] = String(e.line);
      li.textContent = `${e.line}:${e.column} ${e.message}`;
      li.addEventListener('click', () => {
        const { from } = errorRange(view.state.doc, e.line, e.column);
        view.dispatch({ selection: { anchor: from }, scrollIntoView: true });
        view.focus();
      });
      return li;
    }),
  );
  el('problems-title').textContent = errors.length === 0 ? 'No problems' : `Problems (${errors.length})`;
}

function start(api: ApiClient, extensions: Completion[]): void {
  el('login-form').hidden = true;
  el('workspace').hidden = false;
  const view: EditorView = new EditorView({
    parent: el('editor'),
    doc: SAMPLE,
    extensions: [
      basicSetup,
      siddhiLanguage,
      autocompletion({ override: [siddhiCompletions(() => extensions)] }),
      lintGutter(),
      linter(
        async (v) => {
          const doc = v.state.doc;
          try {
            const result = await api.validate(doc.toString());
            showProblems(v, result.errors);
            return toDiagnostics(doc, result.errors);
          } catch (e) {
            setStatus(`validation failed: ${messageOf(e)}`, 'error');
            return [];
          }
        },
        { delay: 500 },
      ),
    ],
  });

  el('validate').addEventListener('click', () => {
    void api.validate(view.state.doc.toString()).then(
      (r) => {
        showProblems(view, r.errors);
        forceLinting(view);
        setStatus(r.ok ? 'The app is valid' : `The app has ${r.errors.length} error(s)`, r.ok ? 'ok' : 'error');
      },
      (e: unknown) => setStatus(messageOf(e), 'error'),
    );
  });

  const refreshApps = async (): Promise<void> => {
    const names = await api.apps();
    el('apps').replaceChildren(
      ...names.map((name) => {
        const li = document.createElement('li');
        const b = document.createElement('button');
        b.className = 'app';
        b.dataset['name'] = name;
        b.textContent = name;
        b.addEventListener('click', () => {
          void api.appText(name).then(
            (r) => {
              view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: r.content } });
              el<HTMLInputElement>('event-app').value = name;
              setStatus(`Opened '${name}'`, 'ok');
            },
            (e: unknown) => setStatus(messageOf(e), 'error'),
          );
        });
        li.append(b);
        return li;
      }),
    );
  };
  el('refresh-apps').addEventListener(
    'click',
    () => void refreshApps().catch((e: unknown) => setStatus(messageOf(e), 'error')),
  );

  el('deploy').addEventListener('click', () => {
    void api
      .deploy(view.state.doc.toString())
      .then(async (r) => {
        el<HTMLInputElement>('event-app').value = r.name;
        setStatus(r.message, 'ok');
        await refreshApps();
      })
      .catch((e: unknown) => setStatus(messageOf(e), 'error'));
  });

  el('send-event').addEventListener('click', () => {
    const app = el<HTMLInputElement>('event-app').value.trim();
    const stream = el<HTMLInputElement>('event-stream').value.trim();
    let data: unknown;
    try {
      data = JSON.parse(el<HTMLInputElement>('event-data').value);
    } catch (e) {
      setStatus(`the event data is not JSON: ${messageOf(e)}; write an array like ["toffee", 12.5]`, 'error');
      return;
    }
    if (!Array.isArray(data)) {
      setStatus('the event data must be a JSON array of attribute values, like ["toffee", 12.5]', 'error');
      return;
    }
    void api.sendEvent(app, stream, data).then(
      (r) => setStatus(`Event sent to ${app}/${stream}: ${r.message}`, 'ok'),
      (e: unknown) => setStatus(messageOf(e), 'error'),
    );
  });

  void refreshApps().catch((e: unknown) => setStatus(messageOf(e), 'error'));
  setStatus('Ready', 'ok');
}

async function login(credentials: Credentials): Promise<void> {
  const api = new ApiClient(credentials);
  const catalog = await api.catalog();
  sessionStorage.setItem('tributary.credentials', JSON.stringify(credentials));
  start(api, completionOptions(catalog.extensions));
}

el('login-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const token = el<HTMLInputElement>('token').value.trim();
  const credentials: Credentials = token
    ? { token }
    : { user: el<HTMLInputElement>('user').value, password: el<HTMLInputElement>('password').value };
  login(credentials).catch((e: unknown) => {
    el('login-error').textContent = `Login failed: ${messageOf(e)}`;
  });
});

const saved = sessionStorage.getItem('tributary.credentials');
if (saved) login(JSON.parse(saved) as Credentials).catch(() => sessionStorage.removeItem('tributary.credentials'));
