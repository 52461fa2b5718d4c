/* The dashboard's forms: every change goes to the JSON API with the session's CSRF token
   (read from the ceasefire_csrf cookie; nothing else is kept in the page). */
(function () {
  "use strict";

  function csrf() {
    var m = document.cookie.match(/(?:^|;\s*)ceasefire_csrf=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : "";
  }

  function api(method, url, body) {
    var headers = { "Accept": "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (method !== "GET") headers["X-CSRF-Token"] = csrf();
    return fetch(url, {
      method: method, headers: headers, credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (r) {
      if (r.status === 204) return {};
      return r.json().catch(function () { return {}; }).then(function (data) {
        if (!r.ok) {
          var e = (data && data.error) || {};
          throw new Error(e.message || ("the server answered " + r.status));
        }
        return data;
      });
    });
  }
  window.ceasefire = { api: api, csrf: csrf };

  function say(el, text, ok) {
    if (!el) return;
    el.textContent = text;
    el.className = "status " + (ok ? "ok" : "error");
  }

  // sign in
  var login = document.getElementById("login-form");
  if (login) {
    login.addEventListener("submit", function (e) {
      e.preventDefault();
      var status = document.getElementById("login-status");
      var button = login.querySelector("button");
      button.disabled = true;
      api("POST", "/api/session", {
        username: login.elements.username.value.trim(),
        password: login.elements.password.value
      }).then(function () {
        window.location.assign(login.dataset.next || "/start");
      }).catch(function (err) {
        say(status, err.message, false);
        button.disabled = false;
        login.elements.password.select();
      });
    });
  }

  // sign out
  var out = document.getElementById("sign-out");
  if (out) {
    out.addEventListener("click", function () {
      api("DELETE", "/api/session").finally(function () { window.location.assign("/"); });
    });
  }

  // one decision on an incident (incident page)
  var decision = document.getElementById("decision-form");
  if (decision) {
    var kind = decision.elements.kind;
    var showValue = function () {
      decision.querySelectorAll("[data-for]").forEach(function (el) {
        el.hidden = el.dataset.for.split(" ").indexOf(kind.value) < 0;
      });
    };
    kind.addEventListener("change", showValue);
    showValue();
    decision.addEventListener("submit", function (e) {
      e.preventDefault();
      var status = document.getElementById("decision-status");
      var body = { kind: kind.value, reason: decision.elements.reason.value.trim() };
      if (kind.value === "grade") body.value = decision.elements.grade.value;
      if (kind.value === "attribute") body.value = decision.elements.attribution.value;
      if (kind.value === "merge") body.others = decision.elements.others.value.split(/[\s,]+/).filter(Boolean);
      api("POST", "/api/incidents/" + decision.dataset.incident + "/decisions", body).then(function (r) {
        say(status, "Decision " + r.id + " recorded; the next verification run applies it.", true);
        window.setTimeout(function () { window.location.reload(); }, 600);
      }).catch(function (err) { say(status, err.message, false); });
    });
  }

  // bulk decisions (analyst queue)
  var bulk = document.getElementById("bulk-form");
  if (bulk) {
    var boxes = function () { return Array.prototype.slice.call(document.querySelectorAll("input[name=pick]")); };
    var count = document.getElementById("bulk-count");
    var refresh = function () {
      var n = boxes().filter(function (b) { return b.checked; }).length;
      count.textContent = n + " selected";
      bulk.querySelector("button[type=submit]").disabled = n === 0;
    };
    var all = document.getElementById("pick-all");
    if (all) all.addEventListener("change", function () {
      boxes().forEach(function (b) { b.checked = all.checked; });
      refresh();
    });
    boxes().forEach(function (b) { b.addEventListener("change", refresh); });
    var action = bulk.elements.action;
    var showBulk = function () {
      bulk.querySelectorAll("[data-for]").forEach(function (el) {
        el.hidden = el.dataset.for.split(" ").indexOf(action.value) < 0;
      });
    };
    action.addEventListener("change", showBulk);
    showBulk();
    refresh();
    bulk.addEventListener("submit", function (e) {
      e.preventDefault();
      var status = document.getElementById("bulk-status");
      var picked = boxes().filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      var reason = bulk.elements.reason.value.trim();
      if (!reason) { say(status, "Give a reason: it is recorded with each decision.", false); bulk.elements.reason.focus(); return; }
      var calls;
      if (action.value === "merge") {
        if (picked.length < 2) { say(status, "Select at least two incidents to merge.", false); return; }
        calls = [[picked[0], { kind: "merge", reason: reason, others: picked.slice(1) }]];
      } else {
        calls = picked.map(function (id) {
          var body = { kind: action.value, reason: reason };
          if (action.value === "grade") body.value = bulk.elements.grade.value;
          if (action.value === "attribute") body.value = bulk.elements.attribution.value;
          return [id, body];
        });
      }
      var done = 0, failed = [];
      var next = function (i) {
        if (i >= calls.length) {
          say(status, done + " decision(s) recorded" + (failed.length ? "; refused: " + failed.join("; ") : "") +
              ". The next verification run applies them.", failed.length === 0);
          refresh();
          return;
        }
        api("POST", "/api/incidents/" + calls[i][0] + "/decisions", calls[i][1]).then(function () {
          done += 1;
          var ids = calls[i][1].kind === "merge" ? picked : [calls[i][0]];
          ids.forEach(function (id) {
            var row = document.getElementById("row-" + id);
            if (row) {
              row.classList.add("done");
              var cell = row.querySelector(".decided");
              if (cell) cell.textContent = calls[i][1].kind + (calls[i][1].value ? " → " + calls[i][1].value : "");
              var box = row.querySelector("input[name=pick]");
              if (box) box.checked = false;
            }
          });
        }).catch(function (err) { failed.push(calls[i][0] + ": " + err.message); })
          .then(function () { next(i + 1); });
      };
      say(status, "Recording " + calls.length + " decision(s)…", true);
      next(0);
    });
  }

  // adjudication steps (finding page, liaison and commission views)
  document.querySelectorAll("form[data-step]").forEach(function (f) {
    f.addEventListener("submit", function (e) {
      e.preventDefault();
      var status = f.querySelector(".status");
      var body = { action: f.dataset.step, text: (f.elements.text ? f.elements.text.value.trim() : "") };
      if (f.elements.reply) body.reply = f.elements.reply.value;
      if (f.elements.outcome) body.outcome = f.elements.outcome.value;
      if (f.elements.member && f.elements.member.value.trim()) {
        body.dissent = [{ member: f.elements.member.value.trim(), text: f.elements.dissent.value.trim() }];
      }
      var button = f.querySelector("button[type=submit]");
      button.disabled = true;
      api("POST", "/api/findings/" + f.dataset.finding + "/steps", body).then(function (r) {
        say(status, "Recorded: " + r.action.replace("_", " ") + " → " + r.to_state.replace("_", " ") + ".", true);
        window.setTimeout(function () { window.location.reload(); }, 700);
      }).catch(function (err) { say(status, err.message, false); button.disabled = false; });
    });
  });
})();
