/// The page's style and script, inline: nothing is fetched when the report is opened.
extension HTMLReport {
  static let style = """
    body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2330;background:#f5f6f8}
    header{background:#1d2330;color:#fff;padding:18px 32px}header h1{margin:0 0 4px;font-size:22px}
    header p{margin:0;color:#c9cfdb}main{padding:16px 32px 48px;max-width:1280px}
    h2{font-size:17px;margin:28px 0 10px;border-bottom:1px solid #d5d9e0;padding-bottom:4px}
    .cards{display:flex;flex-wrap:wrap;gap:12px}.card{background:#fff;border:1px solid #d5d9e0;border-radius:6px;padding:12px 16px;min-width:150px}
    .card .figure{font-size:28px;font-weight:700}.card .label{color:#596273;font-size:12px;text-transform:uppercase;letter-spacing:.04em}
    .card.alert{border-color:#c0392b}.card.alert .figure{color:#c0392b}.note{color:#596273;font-size:12px}
    .banner{padding:10px 14px;border-radius:6px;margin:12px 0;font-weight:600}.banner.bad{background:#fdecea;color:#8e1b10;border:1px solid #f5b7b1}
    .banner.ok{background:#eaf7ee;color:#1e6b35;border:1px solid #b7e1c3}
    table{border-collapse:collapse;background:#fff;width:100%;font-size:13px}th,td{border:1px solid #e1e4ea;padding:4px 8px;text-align:left;vertical-align:top}
    th{background:#eef0f4;cursor:pointer;user-select:none;white-space:nowrap}th.sorted-asc::after{content:" ▲"}th.sorted-desc::after{content:" ▼"}
    td.num,th.num{text-align:right}td.path{word-break:break-all;max-width:520px}.everyone,td.bad{color:#c0392b;font-weight:600}
    .charts{display:flex;flex-wrap:wrap;gap:16px}.chart{background:#fff;border:1px solid #d5d9e0;border-radius:6px;padding:8px;max-width:100%;height:auto}
    .chart-title{font-weight:700;font-size:14px;fill:#1d2330}.chart-label,.chart-value{font-size:12px;fill:#33394a}.chart-empty{fill:#8a93a5}
    input#file-filter{padding:6px 8px;width:360px;border:1px solid #b9bfcc;border-radius:4px;margin:4px 0 8px}
    """

  /// Sorts the file table by a clicked column and filters it by the text typed; marks the page
  /// ready so a headless browser test knows the script ran.
  static let script = """
    (function(){
      var table=document.getElementById('files-table');var body=table.tBodies[0];
      var rows=Array.prototype.slice.call(body.rows);var shown=document.getElementById('files-shown');
      function count(){var n=0;rows.forEach(function(r){if(r.style.display!=='none')n++});shown.textContent=n.toLocaleString('en-US');}
      Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,col){
        th.addEventListener('click',function(){
          var asc=!th.classList.contains('sorted-asc');
          Array.prototype.forEach.call(table.tHead.rows[0].cells,function(c){c.classList.remove('sorted-asc','sorted-desc')});
          th.classList.add(asc?'sorted-asc':'sorted-desc');var num=th.classList.contains('num');
          rows.sort(function(a,b){var x=a.cells[col].getAttribute('data-v')||a.cells[col].textContent;
            var y=b.cells[col].getAttribute('data-v')||b.cells[col].textContent;
            var d=num?(parseFloat(x)-parseFloat(y)):x.localeCompare(y);return asc?d:-d;});
          rows.forEach(function(r){body.appendChild(r)});});});
      document.getElementById('file-filter').addEventListener('input',function(e){
        var q=e.target.value.toLowerCase();
        rows.forEach(function(r){r.style.display=r.textContent.toLowerCase().indexOf(q)<0?'none':''});count();});
      count();document.body.setAttribute('data-ready','1');
    })();
    """
}
