"""The in-app guide (F1): the keys and the review workflow, in a few lines."""

GUIDE_HTML = """
<h2>ProofDesk in two minutes</h2>
<p>Open a draft with <b>Ctrl+O</b>, by dropping it on the window, or from <i>File ▸ Open Recent</i>.
Checks run in the background: problems are underlined (red: error, orange: warning, blue: suggestion)
and listed below the draft, grouped by category. The right-hand pane is the <b>proposed copy</b>: your
draft with every pending suggestion applied — struck-through text would go, green text would come in.</p>
<h3>Reviewing</h3>
<table cellpadding="3">
<tr><td><b>Alt+Down</b> / <b>Alt+Up</b></td><td>next / previous finding</td></tr>
<tr><td><b>Ctrl+Return</b></td><td>accept the first suggestion and go to the next finding</td></tr>
<tr><td><b>Ctrl+I</b></td><td>ignore this finding and go to the next</td></tr>
<tr><td><b>Ctrl+Shift+A</b></td><td>accept every finding of this rule (shows how many first)</td></tr>
<tr><td><b>Ctrl+Z</b> / <b>Ctrl+Shift+Z</b></td><td>undo / redo — each accept is one step</td></tr>
<tr><td><b>Ctrl+F</b></td><td>find text in the draft</td></tr>
<tr><td><b>Ctrl+S</b> / <b>Ctrl+Shift+S</b></td><td>save (the untouched original is kept) / save as</td></tr>
<tr><td><b>Ctrl+E</b></td><td>export clean copy and a change report</td></tr>
<tr><td><b>F1</b></td><td>this guide</td></tr>
</table>
<p>Right-click an underline to pick any suggestion, ignore it, ignore its rule for this draft, or add the
word to your dictionary. Hover over an underline to read the message. The ✓ buttons beside the proposed
copy accept that change. Restore the original from <i>File ▸ Restore Original…</i>.</p>
<p>Your draft is autosaved every 30 seconds and after each accept; if ProofDesk stops unexpectedly, it
offers the work back next time.</p>
"""
