// Writes syntaxes/oewg-citations.injection.tmLanguage.json from the vocabulary
// (`npm run build:grammar`); `npm test` fails while the committed file differs.
import * as fs from 'fs';
import * as path from 'path';
import { grammarText } from '../server/src/core/vocabulary/grammar';

const file = path.join(__dirname, '..', 'syntaxes', 'oewg-citations.injection.tmLanguage.json');
const text = grammarText();
const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
if (before === text) {
  console.log(`${path.relative(process.cwd(), file)} is up to date`);
} else {
  fs.writeFileSync(file, text);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
