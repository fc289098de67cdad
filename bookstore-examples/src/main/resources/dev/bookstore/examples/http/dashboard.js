/* The Bookstore Analytics dashboard: every panel is fetched from the service's API (or, in a saved report, read
   from window.BOOKSTORE_DATA, which maps each request path to its answer). */
(function () {
  'use strict';
  var DATA = window.BOOKSTORE_DATA || null;
  var state = { from: null, to: null, grain: 'month', category: null, subcategory: null };
  var charts = {};
  var money = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  var count = new Intl.NumberFormat('en-GB');

  function api(path) {
    if (DATA) {
      return Object.prototype.hasOwnProperty.call(DATA, path) ? Promise.resolve(DATA[path])
        : Promise.resolve({ status: 404, error: 'not_in_report', message: 'not in this report: ' + path });
    }
    return fetch(path).then(function (r) { return r.json(); });
  }
  function range() { return 'from=' + state.from + '&to=' + state.to; }
  function failed(answer) { return answer && typeof answer.status === 'number' && answer.error; }
  function el(id) { return document.getElementById(id); }
  function esc(s) { return String(s).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; }); }
  function chart(id, option) {
    if (!charts[id]) { charts[id] = echarts.init(el(id)); }
    charts[id].setOption(option, true);
    return charts[id];
  }
  function table(id, head, rows, attrs) {
    var h = '<tr>' + head.map(function (c) { return '<th' + (c.num ? ' class="num"' : '') + '>' + esc(c.t) + '</th>'; }).join('') + '</tr>';
    el(id).innerHTML = h + rows.map(function (r, i) {
      return '<tr' + (attrs ? attrs(i) : '') + '>' + r.map(function (v, j) {
        return '<td' + (head[j].num ? ' class="num"' : '') + '>' + esc(v) + '</td>'; }).join('') + '</tr>';
    }).join('');
  }
  function iso(d) { return d.toISOString().slice(0, 10); }

  /* ---------------------------------------------------------------- panels */
  /* the KPI tiles: the library's metrics report of the range against the report of the period of the same length
     just before it (previousRange) */
  var TILES = [
    { name: 'revenue', label: 'Revenue (gross)', value: function (r) { return r.sales.gross_revenue; } },
    { name: 'orders', label: 'Orders', value: function (r) { return r.sales.orders; } },
    { name: 'aov', label: 'Average order value', value: function (r) { return r.sales.average_order_value || 0; } },
    { name: 'active_customers', label: 'Active customers (30-day average)', value: function (r) { return r.active_customers.average_monthly; } },
    { name: 'conversion', label: 'Conversion', value: function (r) { return r.conversion.rate; } }];
  function previousRange() {
    var from = new Date(state.from + 'T00:00:00Z'), to = new Date(state.to + 'T00:00:00Z');
    var days = Math.round((to - from) / 864e5) + 1;
    return 'from=' + iso(new Date(from - days * 864e5)) + '&to=' + iso(new Date(from - 864e5));
  }
  function tiles() {
    return Promise.all([api('/report?' + range()), api('/report?' + previousRange())]).then(function (a) {
      if (failed(a[0])) { el('tiles').textContent = a[0].message; return; }
      el('tiles').innerHTML = TILES.map(function (t) {
        var value = t.value(a[0]), before = failed(a[1]) ? 0 : t.value(a[1]);
        var change = before === 0 ? undefined : (value - before) / before;
        var v = t.name === 'conversion' ? (100 * value).toFixed(2) + ' %'
          : (t.name === 'revenue' || t.name === 'aov') ? money.format(value) : count.format(Math.round(value));
        var ch = change === undefined ? 'n/a' : (change >= 0 ? '+' : '') + (100 * change).toFixed(1) + ' %';
        var cls = change === undefined ? '' : change >= 0 ? 'up' : 'down';
        return '<div class="tile" data-kpi="' + t.name + '" data-value="' + value + '" data-previous="' + before
          + '"><div class="label">' + esc(t.label) + '</div><div class="value">' + v + '</div><div class="change '
          + cls + '">' + ch + ' vs previous period</div></div>';
      }).join('');
    });
  }
  function revenue() {
    return api('/metrics/revenue?' + range() + '&grain=' + state.grain).then(function (p) {
      if (failed(p)) { return; }
      chart('revenue-chart', { tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 60, right: 20 },
        xAxis: { type: 'category', data: p.map(function (x) { return x.period_start; }) },
        yAxis: [{ type: 'value', name: 'revenue' }, { type: 'value', name: 'orders' }],
        series: [{ name: 'gross revenue', type: 'line', data: p.map(function (x) { return x.gross_revenue; }) },
          { name: 'orders', type: 'bar', yAxisIndex: 1, data: p.map(function (x) { return x.orders; }) }] });
    });
  }
  function crumbs() {
    var c = '<a data-level="all">all</a>';
    if (state.category) { c += ' › <a data-level="category">' + esc(state.category) + '</a>'; }
    if (state.subcategory) { c += ' › ' + esc(state.subcategory); }
    el('crumbs').innerHTML = c;
    el('books-scope').textContent = state.category ? '(' + state.category + (state.subcategory ? ' › ' + state.subcategory : '') + ')' : '';
  }
  /* the drill-down's scope as bestsellers parameters: category, then subcategory */
  function scope() {
    return (state.category ? '&category=' + encodeURIComponent(state.category) : '')
      + (state.subcategory ? '&subcategory=' + encodeURIComponent(state.subcategory) : '');
  }
  function booksPath() { return '/metrics/bestsellers?' + range() + '&top=10' + scope(); }
  /* the drill-down panel: categories, a category's subcategories, a subcategory's books */
  function categories() {
    crumbs();
    var level = state.subcategory ? 'product' : state.category ? 'subcategory' : 'category';
    var path = level === 'product' ? booksPath()
      : level === 'subcategory' ? '/metrics/subcategories?' + range() + '&top=50&category=' + encodeURIComponent(state.category)
      : '/metrics/categories?' + range() + '&top=50';
    return api(path).then(function (rows) {
      if (failed(rows)) { return; }
      var name = function (r) { return level === 'product' ? r.title : level === 'subcategory' ? r.subcategory : r.category; };
      chart('category-chart', { tooltip: {}, grid: { left: 120, right: 20 }, xAxis: { type: 'value' },
        yAxis: { type: 'category', inverse: true, data: rows.map(name) },
        series: [{ name: 'gross revenue', type: 'bar', data: rows.map(function (r) { return r.gross_revenue; }) }] });
      el('category-table').setAttribute('data-level', level);
      table('category-table', [{ t: level === 'product' ? 'book' : level }, { t: 'orders', num: 1 }, { t: 'gross revenue', num: 1 }],
        rows.map(function (r) { return [name(r), count.format(r.orders), money.format(r.gross_revenue)]; }),
        function (i) { return level === 'product' ? ' data-product="' + esc(rows[i].product_id) + '"'
          : ' class="drill" data-name="' + esc(name(rows[i])) + '"'; });
    });
  }
  function books() {
    return api(booksPath()).then(function (rows) {
      if (failed(rows)) { return; }
      table('books-table', [{ t: '#' }, { t: 'title' }, { t: 'category' }, { t: 'subcategory' }, { t: 'units', num: 1 }, { t: 'gross revenue', num: 1 }],
        rows.map(function (r, i) { return [i + 1, r.title, r.category, r.subcategory, count.format(r.units), money.format(r.gross_revenue)]; }),
        function (i) { return ' data-product="' + esc(rows[i].product_id) + '"'; });
    });
  }
  function channels() {
    return api('/metrics/channels?' + range()).then(function (rows) {
      if (failed(rows)) { return; }
      chart('channel-chart', { tooltip: {}, legend: {}, grid: { left: 110, right: 20 }, xAxis: { type: 'value' },
        yAxis: { type: 'category', inverse: true, data: rows.map(function (r) { return r.channel; }) },
        series: [{ name: 'gross revenue', type: 'bar', data: rows.map(function (r) { return r.gross_revenue; }) }] });
    });
  }
  function funnel() {
    return api('/metrics/funnel?' + range()).then(function (f) {
      if (failed(f)) { return; }
      chart('funnel-chart', { tooltip: {}, series: [{ type: 'funnel', sort: 'none', label: { formatter: '{b}: {c}' },
        data: f.steps.map(function (s) { return { name: s.event, value: s.count }; }) }] });
      table('funnel-table', [{ t: 'step' }, { t: 'count', num: 1 }, { t: 'from previous', num: 1 }, { t: 'drop-off', num: 1 }],
        f.steps.map(function (s) { return [s.event, count.format(s.count),
          (100 * s.conversion_from_previous).toFixed(1) + ' %', count.format(s.drop_off)]; }));
    });
  }
  function active() {
    return Promise.all([api('/metrics/active-customers?' + range() + '&grain=day'),
      api('/metrics/rolling-active-customers?' + range() + '&window=7'),
      api('/metrics/rolling-active-customers?' + range() + '&window=30')]).then(function (a) {
      if (failed(a[0]) || failed(a[1]) || failed(a[2])) { return; }
      var days = a[1].map(function (x) { return x.period_start; });
      var byDay = {};
      a[0].forEach(function (x) { byDay[x.period_start] = x.customers; });
      chart('active-chart', { tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 60, right: 20 },
        xAxis: { type: 'category', data: days }, yAxis: { type: 'value' },
        series: [{ name: 'DAU', type: 'line', data: days.map(function (d) { return byDay[d] || 0; }) },
          { name: 'WAU (7 days)', type: 'line', data: a[1].map(function (x) { return x.customers; }) },
          { name: 'MAU (30 days)', type: 'line', data: a[2].map(function (x) { return x.customers; }) }] });
    });
  }
  function cohorts() {
    return api('/metrics/retention?' + range()).then(function (c) {
      if (failed(c)) { return; }
      var months = 0, cells = [];
      c.forEach(function (co, y) { co.points.forEach(function (p) { months = Math.max(months, p.months_since + 1);
        cells.push([p.months_since, y, Math.round(1000 * p.rate) / 10]); }); });
      chart('cohort-chart', { tooltip: {}, grid: { left: 70, right: 20, bottom: 60 },
        xAxis: { type: 'category', name: 'months since', data: Array.from({ length: months }, function (_, i) { return i; }) },
        yAxis: { type: 'category', inverse: true, data: c.map(function (co) { return co.cohort; }) },
        visualMap: { min: 0, max: 100, orient: 'horizontal', left: 'center', bottom: 0, calculable: false, itemHeight: 120 },
        series: [{ type: 'heatmap', data: cells, label: { show: true } }] });
    });
  }
  function geography() {
    return api('/metrics/geography?' + range() + '&level=region').then(function (rows) {
      if (failed(rows)) { return; }
      rows = rows.slice(0, 12);
      chart('geo-chart', { tooltip: {}, grid: { left: 130, right: 20 }, xAxis: { type: 'value' },
        yAxis: { type: 'category', inverse: true, data: rows.map(function (r) { return r.location; }) },
        series: [{ name: 'gross revenue', type: 'bar', data: rows.map(function (r) { return r.gross_revenue; }) }] });
    });
  }
  var DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
  function peaks() {
    return api('/metrics/peak-times?' + range()).then(function (rows) {
      if (failed(rows)) { return; }
      var max = rows.reduce(function (m, r) { return Math.max(m, r.orders); }, 1);
      chart('peak-chart', { tooltip: {}, grid: { left: 90, right: 20, bottom: 60 },
        xAxis: { type: 'category', data: Array.from({ length: 24 }, function (_, i) { return i; }) },
        yAxis: { type: 'category', data: DAYS.map(function (d) { return d.charAt(0).toUpperCase() + d.slice(1, 3); }) },
        visualMap: { min: 0, max: max, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120 },
        series: [{ type: 'heatmap', data: rows.map(function (r) { return [r.hour, DAYS.indexOf(r.day_of_week), r.orders]; }) }] });
    });
  }
  /* low stock with the library's demand forecast of each product for the next four weeks */
  function forecastPath(productId) { return '/forecast?product_id=' + encodeURIComponent(productId) + '&as_of=' + state.to + '&weeks=4'; }
  function stock() {
    return api('/metrics/low-stock?as_of=' + state.to + '&top=10').then(function (s) {
      if (failed(s)) { return; }
      return Promise.all(s.rows.map(function (r) { return api(forecastPath(r.product_id)); })).then(function (f) {
        var missing = f.filter(failed);
        el('forecast-note').textContent = missing.length && missing[0].status === 503 ? 'forecast: ' + missing[0].message : '';
        table('stock-table', [{ t: 'product' }, { t: 'title' }, { t: 'stock', num: 1 }, { t: 'sold (' + (s.rows[0] ? s.rows[0].velocity_days : 28) + ' d)', num: 1 },
          { t: 'days of cover', num: 1 }, { t: 'forecast 4 wk', num: 1 }, { t: 'suggested order', num: 1 }],
          s.rows.map(function (r, i) {
            var ok = !failed(f[i]);
            var ahead = ok ? f[i].weeks.reduce(function (sum, w) { return sum + w.units; }, 0) : null;
            return [r.product_id, r.title, count.format(r.stock), count.format(r.units_sold),
              r.units_sold > 0 ? (r.stock / (r.units_sold / r.velocity_days)).toFixed(1) : '∞',
              ok ? ahead.toFixed(1) : 'n/a', ok && f[i].reorder ? count.format(f[i].reorder.suggested_order) : '–']; }),
          function (i) { return ' data-product="' + esc(s.rows[i].product_id) + '"'
            + (failed(f[i]) ? '' : ' data-forecast="' + f[i].weeks.reduce(function (sum, w) { return sum + w.units; }, 0) + '"'); });
      });
    });
  }
  function churnRisk() {
    return api('/metrics/lifetime-values?as_of=' + state.to + '&top=20').then(function (page) {
      if (failed(page)) { return; }
      return Promise.all(page.rows.map(function (c) {
        return api('/predict/churn?customer_id=' + encodeURIComponent(c.customer_id) + '&as_of=' + state.to + '&top=3');
      })).then(function (scores) {
        var ok = scores.filter(function (s) { return !failed(s); });
        el('churn-note').textContent = ok.length ? '' : (scores[0] ? scores[0].message + (scores[0].train ? ' — train: ' + scores[0].train : '') : 'no customers');
        ok.sort(function (a, b) { return b.probability - a.probability; });
        table('churn-table', [{ t: 'customer' }, { t: 'churn probability', num: 1 }, { t: 'top features' }],
          ok.slice(0, 10).map(function (s) { return [s.customer_id, s.probability.toFixed(3), s.contributions.map(function (c) {
            return c.feature + ' ' + (c.effect >= 0 ? '+' : '') + c.effect.toFixed(3); }).join(', ')]; }));
      });
    });
  }
  function recommendations() {
    var id = el('rec-customer').value.trim();
    return api('/recommend?customer_id=' + encodeURIComponent(id) + '&k=5').then(function (r) {
      if (failed(r)) {
        el('rec-result').textContent = r.message + (r.train ? ' — train: ' + r.train : '');
        table('rec-table', [{ t: 'product' }, { t: 'source' }], []);
        return;
      }
      el('rec-result').textContent = 'for ' + r.customer_id + ' (' + r.method + ', trained as of ' + r.trained_as_of + ')';
      table('rec-table', [{ t: '#' }, { t: 'product' }, { t: 'source' }],
        r.recommendations.map(function (x, i) { return [i + 1, x.product_id, x.source.replace(/_/g, ' ')]; }),
        function (i) { return ' data-product="' + esc(r.recommendations[i].product_id) + '"'; });
    });
  }
  function quality() {
    return api('/data-quality').then(function (q) {
      if (failed(q)) { el('dq-summary').textContent = q.message; return; }
      el('dq-summary').textContent = (q.tests.length - q.failing) + ' of ' + q.tests.length + ' data tests pass';
      el('dq-summary').setAttribute('data-failing', q.failing);
      var rows = [];
      Object.keys(q.quarantine).forEach(function (src) { Object.keys(q.quarantine[src]).forEach(function (rule) {
        rows.push([src, rule, count.format(q.quarantine[src][rule])]); }); });
      table('dq-table', [{ t: 'source' }, { t: 'rule' }, { t: 'quarantined rows', num: 1 }], rows);
    });
  }
  function modelHealth() {
    return api('/model-health').then(function (runs) {
      if (failed(runs)) { el('mh-summary').textContent = runs.message; return; }
      el('mh-summary').textContent = runs.length ? runs.length + ' stored checks; latest score PSI '
        + runs[runs.length - 1].health.score_psi.toFixed(4) : 'no stored checks (bookstore monitor stores one)';
      chart('mh-chart', { tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 50, right: 50 },
        xAxis: { type: 'category', data: runs.map(function (r) { return r.health.as_of; }) },
        yAxis: [{ type: 'value', name: 'PSI' }, { type: 'value', name: 'AUC', min: 0.5, max: 1 }],
        series: [{ name: 'score PSI', type: 'line', data: runs.map(function (r) { return r.health.score_psi; }) },
          { name: 'realised AUC', type: 'line', yAxisIndex: 1, data: runs.map(function (r) { return r.health.realised_auc === undefined ? null : r.health.realised_auc; }) }] });
    });
  }

  function refresh() {
    el('status').textContent = 'loading…';
    document.body.removeAttribute('data-loaded');
    var url = '?from=' + state.from + '&to=' + state.to;
    if (!DATA && window.history && location.search !== url) { history.replaceState(null, '', url); }
    return Promise.all([tiles(), revenue(), categories(), books(), channels(), funnel(), active(), cohorts(),
      geography(), peaks(), stock(), churnRisk(), recommendations(), quality(), modelHealth()]).then(function () {
      el('status').textContent = state.from + ' … ' + state.to + (DATA ? ' (saved report)' : '');
      document.body.setAttribute('data-loaded', state.from + '/' + state.to);
    });
  }

  function start() {
    var params = new URLSearchParams(location.search);
    var init = DATA ? Promise.resolve({ from: DATA.from, to: DATA.to })
      : params.get('from') && params.get('to') ? Promise.resolve({ from: params.get('from'), to: params.get('to') })
      : api('/metrics/revenue?from=' + iso(new Date(Date.now() - 3650 * 864e5)) + '&to=' + iso(new Date()) + '&grain=day').then(function (p) {
        if (failed(p) || !p.length) { var t = new Date(); return { from: iso(new Date(t - 89 * 864e5)), to: iso(t) }; }
        var last = new Date(p[p.length - 1].period_start + 'T00:00:00Z');
        return { from: iso(new Date(last - 89 * 864e5)), to: iso(last) };
      });
    init.then(function (r) {
      state.from = r.from; state.to = r.to;
      el('from').value = r.from; el('to').value = r.to;
      return refresh();
    });
    el('range').addEventListener('submit', function (e) {
      e.preventDefault();
      state.from = el('from').value; state.to = el('to').value; state.category = null; state.subcategory = null;
      refresh();
    });
    el('grain').addEventListener('click', function (e) {
      var g = e.target.getAttribute('data-grain');
      if (!g) { return; }
      state.grain = g;
      Array.prototype.forEach.call(el('grain').children, function (b) { b.className = b === e.target ? 'on' : ''; });
      revenue();
    });
    el('category-table').addEventListener('click', function (e) {
      var row = e.target.closest('tr.drill');
      if (!row || state.subcategory) { return; }
      if (state.category) { state.subcategory = row.getAttribute('data-name'); } else { state.category = row.getAttribute('data-name'); }
      Promise.all([categories(), books()]);
    });
    el('crumbs').addEventListener('click', function (e) {
      var level = e.target.getAttribute('data-level');
      if (!level) { return; }
      state.subcategory = null;
      if (level === 'all') { state.category = null; }
      Promise.all([categories(), books()]);
    });
    el('rec-form').addEventListener('submit', function (e) { e.preventDefault(); recommendations(); });
    window.addEventListener('resize', function () { Object.keys(charts).forEach(function (k) { charts[k].resize(); }); });
  }
  window.bookstoreDashboard = { state: state, charts: charts, refresh: refresh };
  start();
})();
