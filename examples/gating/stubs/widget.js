// A stub widget loaded with Consentry.loadScript once preferences are granted.
window.demo.ran('widget', 'the widget script was loaded by loadScript')
