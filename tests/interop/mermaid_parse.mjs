// Parse Mermaid files with Mermaid's own parser and print what its diagram database holds, as JSON.
// Usage: node mermaid_parse.mjs FILE...   (NODE_PATH or a node_modules beside the caller must hold mermaid and jsdom)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const require = createRequire(pathToFileURL(process.env.JM_NODE_MODULES + "/").href);
const { JSDOM } = require("jsdom");
const dom = new JSDOM("<!DOCTYPE html><html><body></body></html>", { pretendToBeVisual: true });
globalThis.window = dom.window;
globalThis.document = dom.window.document;
for (const name of ["navigator", "Element", "HTMLElement", "SVGElement", "DOMParser", "MutationObserver"]) {
  if (!(name in globalThis)) globalThis[name] = dom.window[name];
}
const mermaid = (await import(pathToFileURL(require.resolve("mermaid")).href)).default;
mermaid.initialize({ startOnLoad: false });

function mindmapNode(node) {
  return { descr: node.descr, children: (node.children || []).map(mindmapNode) };
}

const results = {};
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, "utf8");
  try {
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db;
    const type = diagram.type;
    if (type === "journey") {
      results[file] = {
        type,
        title: db.getDiagramTitle ? db.getDiagramTitle() : null,
        sections: [...db.getSections()], // a copy: Mermaid reuses the array for the next file
        tasks: db.getTasks().map((t) => ({ section: t.section, task: t.task, score: Number.isNaN(t.score) ? "NaN" : t.score, people: t.people })),
      };
    } else if (type === "mindmap") {
      results[file] = { type, root: mindmapNode(db.getMindmap()) };
    } else {
      results[file] = { type };
    }
  } catch (error) {
    results[file] = { error: String(error && error.message ? error.message : error) };
  }
}
process.stdout.write(JSON.stringify(results));
