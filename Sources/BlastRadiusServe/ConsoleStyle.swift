/// The console's only stylesheet, served from `/static/console.css` (the CSP allows no inline style).
enum ConsoleStyle {
  static let css = """
    body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1d2330; background: #f6f7f9; }
    nav { display: flex; gap: 1.2em; align-items: center; padding: .6em 1.5em; background: #1d2330; }
    nav a { color: #fff; text-decoration: none; }
    nav form.logout { margin-left: auto; }
    main { padding: 1em 1.5em; max-width: 72em; }
    table { border-collapse: collapse; width: 100%; background: #fff; margin-bottom: 1.5em; }
    th, td { text-align: left; padding: .3em .6em; border-bottom: 1px solid #e2e5ea; }
    td.n { text-align: right; font-variant-numeric: tabular-nums; }
    td.path { word-break: break-all; font-family: ui-monospace, monospace; font-size: 13px; }
    dl.headline { display: grid; grid-template-rows: auto auto; grid-auto-flow: column;
      grid-auto-columns: minmax(6em, max-content); gap: .1em 2em; }
    dl.headline dt { align-self: end; color: #4a5263; }
    dl.headline dd { font-size: 1.6em; margin: 0; }
    .note { color: #4a5263; font-style: italic; }
    pre.value { background: #fff3cd; padding: .6em; font-size: 1.2em; }
    form.triage { display: inline-flex; gap: .3em; margin: .1em .4em .1em 0; }
    .error { color: #a11; font-weight: 600; }
    .complete { color: #176; }
    form.login { display: grid; gap: .8em; max-width: 22em; }
    form.filter { display: flex; gap: 1em; margin-bottom: 1em; }
    """
}
