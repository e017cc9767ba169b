// Freeplane start-up script: open each map named in JM_FREEPLANE_INPUT (paths joined by the path separator)
// through Freeplane's own loader and write the node trees as JSON to JM_FREEPLANE_OUTPUT, then quit.
import groovy.json.JsonOutput

def dump(node) {
    def shown
    try { shown = node.transformedText } catch (Throwable ignored) { shown = null }
    def note
    try { note = node.note?.plain } catch (Throwable ignored) { note = node.noteText }
    return [text: node.text, shown: shown, id: node.id, folded: node.folded, icons: node.icons.icons,
            note: note, children: node.children.collect { dump(it) }]
}

def output = System.getenv("JM_FREEPLANE_OUTPUT")
def results = [:]
try {
    System.getenv("JM_FREEPLANE_INPUT").split(File.pathSeparator).each { path ->
        def map = c.newMap(new File(path).toURI().toURL())
        results[path] = dump(map.root)
    }
} catch (Throwable error) {
    results["error"] = error.toString()
}
new File(output).write(JsonOutput.toJson(results), "UTF-8")
System.exit(0)
