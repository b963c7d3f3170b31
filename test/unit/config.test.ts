import { strict as assert } from 'assert';
import { configFromDraftFiles, findDraft, parseConfig } from '../../server/src/core/config';
import { createLanguageService } from '../../server/src/core/languageService';
import { MemoryFileSystem } from '../../server/src/core/workspace';

const file = '/work/space/oewg-cite.json';

describe('oewg-cite.json', () => {
  it('reads drafts in negotiation order, with paths resolved against the file', () => {
    const { config, problems } = parseConfig(
      `{
        // comments are allowed
        "drafts": [
          { "id": "pre-draft", "label": "Pre-draft", "date": "2020-03-11" },
          { "id": "zero-draft", "label": "Zero Draft", "aliases": ["ZD"], "path": "drafts/zero.txt" },
        ],
        "current": "zero-draft",
        "submissions": ["responses/**/*.md"],
        "severity": { "draft-not-indexed": "off" }
      }`,
      file,
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(config.drafts.map((draft) => [draft.id, draft.order, draft.path]), [
      ['pre-draft', 0, undefined],
      ['zero-draft', 1, '/work/space/drafts/zero.txt'],
    ]);
    assert.equal(config.current, 'zero-draft');
    assert.deepEqual(config.submissions, ['responses/**/*.md']);
    assert.deepEqual(config.severity, { 'draft-not-indexed': 'off' });
  });

  it('reports a broken file with a place, never throws', () => {
    const text = '{ "drafts": [ { "id": "zero-draft", "path": "z.txt" } ,, ], "current": "first" ';
    const { problems } = parseConfig(text, file);
    assert.ok(problems.length >= 2, JSON.stringify(problems));
    assert.ok(problems.every((problem) => problem.span && problem.span.start <= text.length));
    assert.ok(problems.some((problem) => /invalid JSON/.test(problem.message)));
  });

  it('names what is wrong in a well-formed but wrong file', () => {
    const cases: Array<[string, RegExp]> = [
      ['[]', /must hold a JSON object/],
      ['{}', /has no "drafts"/],
      ['{ "drafts": {} }', /"drafts" must be a list/],
      ['{ "drafts": [ { "label": "Zero Draft" } ] }', /needs an "id"/],
      ['{ "drafts": [ { "id": "a", "path": "a.txt" }, { "id": "a" } ] }', /used twice/],
      ['{ "drafts": [ { "id": "a", "path": "a.txt" } ], "current": "b" }', /"current" names "b"/],
      ['{ "drafts": [ { "id": "a", "path": 3 } ] }', /"path" of draft "a" must be a string/],
      ['{ "drafts": [], "severity": { "missing-paragraph": "loud" } }', /severity of "missing-paragraph"/],
      ['{ "drafts": [], "drfats": [] }', /unknown setting "drfats"/],
    ];
    for (const [text, expected] of cases) {
      const { problems } = parseConfig(text, file);
      assert.ok(problems.some((problem) => expected.test(problem.message)), `${text}: ${JSON.stringify(problems.map((p) => p.message))}`);
    }
  });

  it('finds a draft by id, label or alias, ignoring case, quotes, "the" and hyphens', () => {
    const { config } = parseConfig('{ "drafts": [ { "id": "pre-draft", "label": "Pre-draft" }, { "id": "zero-draft", "label": "Zero Draft", "aliases": ["ZD"] } ] }', file);
    for (const name of ['pre-draft', 'Pre-draft', 'the Pre-Draft', '“Pre-draft”', 'predraft', 'pre draft']) assert.equal(findDraft(config.drafts, name)?.id, 'pre-draft', name);
    for (const name of ['Zero Draft', 'zero-draft', 'the "Zero Draft"', 'zd']) assert.equal(findDraft(config.drafts, name)?.id, 'zero-draft', name);
    assert.equal(findDraft(config.drafts, 'First Draft'), undefined);
  });

  it('without a file: discovered drafts in negotiation order, the latest current, the well-known names known', () => {
    const config = configFromDraftFiles('/ws', ['/ws/drafts/first-draft.md', '/ws/drafts/zero-draft-2021.txt'], 'discovered');
    const indexed = config.drafts.filter((draft) => draft.path);
    assert.deepEqual(indexed.map((draft) => draft.id), ['zero-draft', 'first-draft']);
    assert.equal(config.current, 'first-draft');
    assert.ok(findDraft(config.drafts, 'Pre-draft'), 'the Pre-draft is known by name');
    assert.equal(findDraft(config.drafts, 'Pre-draft')?.path, undefined);
    const revised = configFromDraftFiles('/ws', ['/ws/drafts/revised-pre-draft.txt'], 'discovered');
    assert.equal(revised.drafts.find((draft) => draft.path)?.id, 'revised-pre-draft');
  });
});

describe('invalid JSON in oewg-cite.json', () => {
  it('is said once per place, where it is', () => {
    const text = '{ "drafts": [ { "id": "zero" , }\n';
    const { problems } = parseConfig(text, file);
    assert.deepEqual(problems.map((p) => [p.severity, p.span?.start, p.message]), [['error', text.length, 'oewg-cite.json: invalid JSON (close bracket expected)']]);
  });
});

describe('oewg-cite.json problems in the file', () => {
  const root = '/work/space';
  const configFile = `${root}/oewg-cite.json`;
  const configText = `{
  "drafts": [{ "id": "zero-draft", "label": "Zero Draft", "path": "drafts/zero.txt" }],
  "severity": { "missing-paragraph": "warning", "quote-diffs": "off" },
  "references": [
    { "symbol": "A/70/174", "path": "references/a-70-174.txt" },
    { "symbol": "not a symbol at all" },
    { "aliases": ["a report with neither symbol nor title"] },
    { "title": "Tunis Commitment", "colour": "blue" }
  ]
}
`;
  const service = createLanguageService(
    new MemoryFileSystem({ [configFile]: configText, [`${root}/drafts/zero.txt`]: 'A. Introduction\n\n1. States met.\n' }),
    root,
  );
  const found = service.diagnostics(configFile).map((diagnostic) => ({
    severity: diagnostic.severity,
    at: configText.slice(diagnostic.span.start, diagnostic.span.end),
    message: diagnostic.message,
  }));

  it('a severity for a code that does not exist is a warning on that key, naming the known codes', () => {
    const typo = found.find((problem) => problem.at === '"quote-diffs"');
    assert.ok(typo, JSON.stringify(found));
    assert.equal(typo.severity, 'warning');
    assert.match(typo.message, /"quote-diffs" is not a diagnostic code \(known: .*quote-differs/);
    assert.ok(!found.some((problem) => problem.at === '"missing-paragraph"'));
  });

  it('bad "references" entries are reported where they are written, the good ones kept', () => {
    assert.ok(found.some((problem) => problem.at === '"not a symbol at all"' && problem.severity === 'error' && /is not a UN document symbol/.test(problem.message)), JSON.stringify(found));
    assert.ok(found.some((problem) => problem.severity === 'error' && /needs a "symbol" or a "title"/.test(problem.message)));
    assert.ok(found.some((problem) => problem.at === '"colour"' && problem.severity === 'warning' && /unknown reference setting "colour"/.test(problem.message)));
    assert.equal(found.length, 4, JSON.stringify(found));
  });
});

describe('a draft path that cannot be read', () => {
  it('is a warning on that path in oewg-cite.json, and its citations say why they are not checked', () => {
    const root = '/work/space';
    const configFile = `${root}/oewg-cite.json`;
    const configText = '{\n  "drafts": [\n    { "id": "zero-draft", "label": "Zero Draft", "path": "drafts/zero.txt" },\n    { "id": "first-draft", "label": "First Draft", "path": "drafts/frist.md" }\n  ]\n}\n';
    const service = createLanguageService(
      new MemoryFileSystem({ [configFile]: configText, [`${root}/drafts/zero.txt`]: '1. States met.\n', [`${root}/notes.md`]: 'See para 1 of the First Draft.\n' }),
      root,
    );
    const found = service.diagnostics(configFile);
    assert.deepEqual(found.map((d) => [d.severity, configText.slice(d.span.start, d.span.end)]), [['warning', '"drafts/frist.md"']]);
    assert.match(found[0].message, /^draft "first-draft": cannot read \/work\/space\/drafts\/frist\.md$/);
    assert.match(service.diagnostics(`${root}/notes.md`)[0].message, /para 1 cites the First Draft, which is not indexed \(cannot read/);
  });
});

describe('a citation of a known draft that has no file', () => {
  it('says how to index it, in the terms of how the drafts were found', () => {
    const root = '/found';
    const files = { [`${root}/drafts/zero-draft.txt`]: '1. States met.\n', [`${root}/notes.md`]: 'See para 7 of the Pre-draft.\n' };
    const discovered = createLanguageService(new MemoryFileSystem(files), root);
    assert.deepEqual(discovered.diagnostics(`${root}/notes.md`).map((d) => d.message), [
      'para 7 cites the Pre-draft, which is not indexed: put its file under drafts/ (named like "pre-draft.txt") or list it in oewg-cite.json with a "path" to check this citation',
    ]);
    const configured = createLanguageService(
      new MemoryFileSystem({ ...files, [`${root}/oewg-cite.json`]: JSON.stringify({ drafts: [{ id: 'pre-draft', label: 'Pre-draft' }, { id: 'zero-draft', path: 'drafts/zero-draft.txt' }] }) }),
      root,
    );
    assert.match(configured.diagnostics(`${root}/notes.md`)[0].message, /which is not indexed: give it a "path" in oewg-cite\.json to check this citation$/);
  });
});

describe('the submissions of a workspace', () => {
  it('are listed once, and again when a file comes or goes', () => {
    const root = '/subs';
    const files = new MemoryFileSystem({ [`${root}/drafts/zero-draft.txt`]: '1. States met.\n', [`${root}/notes.md`]: 'para 1\n' });
    let walks = 0;
    const counting = { readFile: (file: string) => files.readFile(file), findFiles: (at: string, globs: readonly string[]) => (walks++, files.findFiles(at, globs)) };
    const service = createLanguageService(counting, root);
    assert.deepEqual(service.submissionFiles(), [`${root}/notes.md`]);
    const afterFirst = walks;
    service.submissionFiles();
    service.diagnostics(`${root}/notes.md`);
    assert.equal(walks, afterFirst, 'no second walk while nothing changed');
    files.files.set(`${root}/more.md`, 'para 2\n');
    service.fileChanged(`${root}/more.md`);
    assert.deepEqual(service.submissionFiles(), [`${root}/more.md`, `${root}/notes.md`]);
  });
});
