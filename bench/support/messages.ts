// Realistic welcome messages (org.matrix.custom.html as a room's moderators would write them): headings, rules as
// lists, links, emphasis, colour spans, spoilers, inline code, a table, mxc images. Deterministic for a given seed.

const WORDS =
  "please be kind to each other and keep discussions on topic ask before posting links to your own projects read the pinned messages first moderators may remove off topic content without notice crème brûlée naïve café".split(
    " ",
  );

function sentence(seed: number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[(seed * 7 + i * 13) % WORDS.length]!);
  const text = out.join(" ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function blocks(i: number): string[] {
  const s = (k: number) => sentence(i * 31 + k, 10 + ((i + k) % 9));
  return [
    `<h2>Section ${i + 1}: ${sentence(i, 3).slice(0, -1)}</h2>`,
    `<p>${s(1)} <strong>${s(2)}</strong> See <a href="https://example.org/rules/${i}">the rules</a> &amp; <em>the FAQ</em>.</p>`,
    `<ol start="${i + 1}"><li>${s(4)} <code>/join #help:example.org</code></li><li><span data-mx-color="#cc0000">${s(5)}</span></li><li>${s(7)} <span data-mx-spoiler="plot">${s(8)}</span></li></ol>`,
    `<blockquote><p>${s(9)}</p></blockquote>`,
    `<ul><li>${s(10)}</li><li><a href="mailto:mods@example.org">mods@example.org</a> 🙂</li></ul>`,
    i % 3 === 0
      ? `<table><thead><tr><th>Channel</th><th>Topic</th></tr></thead><tbody><tr><td><a href="https://matrix.to/#/#r${i}:example.org">#r${i}</a></td><td>${s(11)}</td></tr></tbody></table>`
      : `<p><font color="#336699">${s(11)}</font> <b>${s(3)}</b></p>`,
    i % 4 === 1
      ? `<p><img src="mxc://example.org/banner${i}" alt="Banner ${i}" width="320" height="80"> ${s(12)}</p>`
      : `<p>${s(12)} <i>${s(6)}</i></p>`,
    i % 5 === 2
      ? `<pre><code class="language-bash">curl https://example.org/api/${i}\n</code></pre>`
      : `<p>${s(13)}</p>`,
    "<hr>",
  ];
}

const utf8 = new TextEncoder();
const byteLength = (text: string) => utf8.encode(text).length;

/** A closing paragraph of whole words filling at most `bytes` UTF-8 bytes ("" when not even one word fits). */
function closing(bytes: number, seed: number): string {
  let text = "";
  for (let i = 0; ; i++) {
    const word = WORDS[(seed * 11 + i * 5) % WORDS.length]!;
    const next = text ? `${text} ${word}` : word;
    if (byteLength(`<p>${next}.</p>\n`) > bytes) return text ? `<p>${text}.</p>\n` : "";
    text = next;
  }
}

/**
 * A welcome message of `bytes` UTF-8 bytes give or take a word: whole blocks under a title, then a closing paragraph
 * filling what is left; `seed` varies the text.
 */
export function welcomeHtml(bytes: number, seed = 0): string {
  let html = `<h1>Welcome to the community ${seed}!</h1>\n`;
  let size = byteLength(html);
  for (let i = 0; ; i++) {
    for (const block of blocks(seed + i)) {
      const n = byteLength(block) + 1;
      if (size + n > bytes) return html + closing(bytes - size, seed);
      html += `${block}\n`;
      size += n;
    }
  }
}
