/* abegraph atlas: sortable tables and the print button; the maps are AbeMap's. */
(function () {
  'use strict';
  function cellValue(cell) {
    var raw = cell.getAttribute('data-sort');
    var text = raw !== null ? raw : cell.textContent;
    var number = Number(text);
    return text !== '' && !isNaN(number) ? number : text.toLowerCase();
  }
  function sortBy(table, column, header) {
    var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
    var ascending = header.getAttribute('aria-sort') !== 'ascending';
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) { th.removeAttribute('aria-sort'); });
    header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    var lang = document.documentElement.getAttribute('lang') || 'th';
    rows.sort(function (a, b) {
      var x = cellValue(a.cells[column]), y = cellValue(b.cells[column]), order;
      if (typeof x === 'number' && typeof y === 'number') { order = x - y; }
      else { order = String(x).localeCompare(String(y), lang, {numeric: true}); }
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  function boot() {
    Array.prototype.forEach.call(document.querySelectorAll('table.abr-table'), function (table) {
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
        var button = th.querySelector('button');
        (button || th).addEventListener('click', function () { sortBy(table, column, th); });
      });
    });
    var print = document.querySelector('.abr-print');
    if (print) { print.addEventListener('click', function () { window.print(); }); }
    if (window.AbeMap) { window.AbeMap.boot(); }
  }
  window.AbeReport = {sortBy: sortBy, boot: boot};
})();
