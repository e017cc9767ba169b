// Freeplane start-up script (run from <userdir>/1.7.x/scripts/init by check.py): open each map named in
// JM_FREEPLANE_INPUT (paths joined by the path separator) through Freeplane's own loader (c.newMap, the same path as
// File > Open) and write the node trees as JSON to JM_FREEPLANE_OUTPUT. check.py stops Freeplane once the file exists.
//
// Freeplane shows modal dialogs while loading (Freeplane 1.7 warns about maps "created with some later version").
// Under xvfb-run nobody can click them, so a watcher thread records each dialog's text in "dialogs" and closes it.
import groovy.json.JsonOutput

import java.awt.Component
import java.awt.Container
import java.awt.Window
import javax.swing.JDialog
import javax.swing.JLabel
import javax.swing.SwingUtilities
import javax.swing.text.JTextComponent

def dialogs = Collections.synchronizedList([])

def textsIn
textsIn = { Component component ->
    def found = []
    if (component instanceof JLabel && component.text) found << component.text
    if (component instanceof JTextComponent && component.text) found << component.text
    if (component instanceof Container) component.components.each { found.addAll(textsIn(it)) }
    return found
}

def watcher = new Thread({
    while (true) {
        Window.windows.findAll { it instanceof JDialog && it.visible }.each { dialog ->
            SwingUtilities.invokeLater {
                if (dialog.visible) {
                    dialogs << ([dialog.title] + textsIn(dialog)).findAll { it }.join(" | ")
                    dialog.dispose()
                }
            }
        }
        Thread.sleep(200)
    }
} as Runnable, "jm-dialog-closer")
watcher.daemon = true
watcher.start()

def dump
dump = { node ->
    def note
    try { note = node.note?.plain } catch (Throwable ignored) { note = node.noteText }
    return [text: node.text, id: node.id, folded: node.folded, icons: node.icons.icons, note: note,
            children: node.children.collect { dump(it) }]
}

def output = new File(System.getenv("JM_FREEPLANE_OUTPUT"))
def results = [:]
try {
    System.getenv("JM_FREEPLANE_INPUT").split(File.pathSeparator).each { path ->
        def map = c.newMap(new File(path).toURI().toURL())
        results[path] = dump(map.root)
    }
} catch (Throwable error) {
    results["error"] = error.toString()
}
results["dialogs"] = new ArrayList(dialogs)
def partial = new File(output.path + ".part")
partial.write(JsonOutput.toJson(results), "UTF-8")
partial.renameTo(output)
