// The dashboard: polls the luaactors endpoint, /stats and /alerts every second. No framework, no build step.
(function () {
  'use strict';

  var POINTS = 60;
  var history = [];          // {rate, depth}, oldest first
  var previous = null;       // {processed, at} of the router, for events per second
  var knownActors = '';

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else if (k === 'className') node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { node.appendChild(c); });
    return node;
  }

  function getJson(url) {
    return fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' }).then(function (r) {
      if (!r.ok) throw new Error(url + ': HTTP ' + r.status);
      return r.json();
    });
  }

  function fmt(n, digits) {
    if (n === null || n === undefined) return '–';
    return typeof n === 'number' ? n.toFixed(digits === undefined ? 1 : digits) : String(n);
  }

  function mailboxBar(mailbox) {
    var fill = mailbox.fill === null || mailbox.fill === undefined ? 0 : mailbox.fill;
    var bar = el('div', { className: 'bar', title: mailbox.size + ' of ' + (mailbox.capacity || '∞') });
    var inner = el('div', { className: 'fill' + (fill >= 0.9 ? ' full' : fill >= 0.5 ? ' warn' : '') });
    inner.style.width = Math.max(fill > 0 ? 1 : 0, Math.min(100, fill * 100)) + '%';
    bar.appendChild(inner);
    bar.appendChild(el('span', { className: 'label', text: mailbox.size + ' / ' + (mailbox.capacity || '∞') }));
    return bar;
  }

  function renderActors(actors) {
    var body = $('actors').tBodies[0];
    body.textContent = '';
    actors.forEach(function (a) {
      var error = a.lastError ? a.lastError.type + ': ' + a.lastError.message : '';
      body.appendChild(el('tr', { 'data-actor': a.name }, [
        el('td', { className: 'name', text: a.name, title: a.script }),
        el('td', { className: 'state state-' + a.state, text: a.state }),
        el('td', { className: 'mailbox' }, [mailboxBar(a.mailbox)]),
        el('td', { className: 'num processed', text: String(a.processed) }),
        el('td', { className: 'num failed', text: String(a.failed) }),
        el('td', { className: 'num suspended', text: String(a.suspended) }),
        el('td', { className: 'error', text: error, title: a.lastError ? a.lastError.timestamp : '' })
      ]));
    });

    var names = actors.map(function (a) { return a.name; }).join(',');
    if (names !== knownActors) {
      knownActors = names;
      var select = $('send-actor');
      var chosen = select.value || 'router';
      select.textContent = '';
      actors.forEach(function (a) { select.appendChild(el('option', { value: a.name, text: a.name })); });
      select.value = actors.some(function (a) { return a.name === chosen; }) ? chosen : (actors[0] || {}).name;
    }
  }

  function sample(actors) {
    var now = Date.now();
    var router = actors.filter(function (a) { return a.name === 'router'; })[0];
    var depth = actors.reduce(function (sum, a) { return sum + a.mailbox.size; }, 0);
    var rate = 0;
    if (router && previous && now > previous.at) {
      rate = Math.max(0, (router.processed - previous.processed) * 1000 / (now - previous.at));
    }
    if (router) previous = { processed: router.processed, at: now };
    history.push({ rate: rate, depth: depth });
    if (history.length > POINTS) history.shift();
    $('rate').textContent = rate.toFixed(1);
    $('depth').textContent = String(depth);
    drawChart();
  }

  function drawChart() {
    var w = 600, h = 200, pad = 6;
    var maxRate = Math.max(1, Math.max.apply(null, history.map(function (p) { return p.rate; })));
    var maxDepth = Math.max(1, Math.max.apply(null, history.map(function (p) { return p.depth; })));
    function points(key, max) {
      return history.map(function (p, i) {
        var x = (POINTS - history.length + i) * w / (POINTS - 1);
        var y = h - pad - (p[key] / max) * (h - 2 * pad);
        return x.toFixed(1) + ',' + y.toFixed(1);
      }).join(' ');
    }
    $('line-rate').setAttribute('points', points('rate', maxRate * 1.1));
    $('line-depth').setAttribute('points', points('depth', maxDepth * 1.1));
    $('rate-max').textContent = maxRate.toFixed(1);
    $('depth-max').textContent = String(maxDepth);
  }

  function drawGrid() {
    var grid = $('grid');
    for (var i = 1; i < 4; i++) {
      var line = document.createElementNS('http://www.w3.org/2000/svg', 'line');
      line.setAttribute('x1', 0); line.setAttribute('x2', 600);
      line.setAttribute('y1', i * 50); line.setAttribute('y2', i * 50);
      grid.appendChild(line);
    }
  }

  function renderSensors(stats) {
    var body = $('sensors').tBodies[0];
    body.textContent = '';
    stats.sort(function (a, b) { return String(a.sensor).localeCompare(String(b.sensor), undefined, { numeric: true }); });
    stats.forEach(function (s) {
      body.appendChild(el('tr', { 'data-sensor': s.sensor }, [
        el('td', { text: s.sensor }),
        el('td', { className: 'num', text: String(s.count) }),
        el('td', { className: 'num', text: fmt(s.mean) }),
        el('td', { className: 'num', text: fmt(s.min) }),
        el('td', { className: 'num', text: fmt(s.max) }),
        el('td', { className: 'num', text: String(s.alerts) })
      ]));
    });
  }

  function renderAlerts(alerts) {
    $('alert-total').textContent = String(alerts.total);
    var list = $('alerts');
    list.textContent = '';
    alerts.latest.forEach(function (a) {
      list.appendChild(el('li', {}, [
        el('span', { className: 'id', text: a.id }),
        el('b', { text: a.sensor }),
        document.createTextNode(' at '),
        el('span', { className: 'value', text: fmt(a.value) }),
        document.createTextNode(' > ' + fmt(a.threshold, 0) + ' (window mean ' + fmt(a.mean) + ') '),
        el('span', { className: 'muted', text: new Date(a.at).toLocaleTimeString() })
      ]));
    });
  }

  function setStatus(ok, text) {
    var status = $('status');
    status.className = 'status ' + (ok ? 'ok' : 'down');
    status.textContent = text;
  }

  function refresh() {
    return Promise.all([
      getJson('actuator/luaactors').then(function (body) {
        renderActors(body.actors);
        sample(body.actors);
        return body.actors.length;
      }),
      getJson('stats').then(renderSensors),
      getJson('alerts?limit=15').then(renderAlerts)
    ]).then(function (results) {
      setStatus(true, results[0] + ' actors · updated ' + new Date().toLocaleTimeString());
    }).catch(function (e) {
      setStatus(false, 'refresh failed: ' + e.message);
    });
  }

  function showResult(ok, text) {
    var result = $('send-result');
    result.hidden = false;
    result.className = 'result ' + (ok ? 'ok' : 'error');
    result.textContent = text;
  }

  function send(event) {
    event.preventDefault();
    var actor = $('send-actor').value;
    var message;
    try {
      message = JSON.parse($('send-message').value);
    } catch (e) {
      showResult(false, 'Not valid JSON: ' + e.message);
      return;
    }
    // X-Requested-With makes Spring Security answer a refusal with a plain 401: no browser password prompt, so the
    // browser never keeps the password for other pages to use.
    var headers = { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
    var user = $('send-user').value;
    if (user) {
      headers.Authorization = 'Basic ' + btoa(unescape(encodeURIComponent(user + ':' + $('send-password').value)));
    }
    $('send-result').dataset.pending = 'true';
    fetch('actuator/luaactors/' + encodeURIComponent(actor), {
      method: 'POST',
      headers: headers,
      body: JSON.stringify({ message: message })
    }).then(function (r) {
      if (r.status === 401 || r.status === 403) {
        showResult(false, 'Error ' + r.status + ': sending needs the user and password of a user with the role'
          + ' LUA_ADMIN' + (r.status === 403 ? ' (this user lacks it)' : ''));
        return;
      }
      return r.text().then(function (text) {
        var body;
        try { body = JSON.parse(text); } catch (e) { body = { message: text }; }
        if (r.ok) {
          showResult(true, actor + ' replied: ' + JSON.stringify(body.reply, null, 2));
        } else {
          var where = body.chunk ? ' (' + body.chunk + (body.line ? ':' + body.line : '') + ')' : '';
          showResult(false, 'Error ' + r.status + ' ' + (body.error || '') + ': ' + (body.message || text) + where);
        }
      });
    }).catch(function (e) {
      showResult(false, 'Request failed: ' + e.message);
    }).then(function () {
      delete $('send-result').dataset.pending;
      refresh();
    });
  }

  drawGrid();
  $('send-form').addEventListener('submit', send);
  refresh();
  setInterval(refresh, 1000);
})();
