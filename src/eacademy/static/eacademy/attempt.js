// An attempt's page: every change is saved at once and acknowledged; the server keeps time.
// Saves carry a per-question counter (seq) so that a repeated or late one never overwrites a
// newer answer. Without a connection the page says so, keeps the answers and keeps retrying.
(function () {
  "use strict";
  var questions = document.querySelectorAll("fieldset.question");

  // An embedded-answers question: one input (or group of choices) per gap, its answer under the gap's number.
  function gapsOf(fieldset) {
    var gaps = {};
    fieldset.querySelectorAll("[data-gap]").forEach(function (input) {
      var n = input.dataset.gap;
      if (input.tagName === "SELECT") { if (input.value !== "") gaps[n] = { choice: Number(input.value) }; }
      else if (input.type === "radio") { if (input.checked) gaps[n] = { choice: Number(input.value) }; }
      else if (input.type === "checkbox") { gaps[n] = gaps[n] || { choices: [] }; if (input.checked) gaps[n].choices.push(Number(input.value)); }
      else gaps[n] = { text: input.value };
    });
    return { gaps: gaps };
  }

  function restoreGaps(fieldset, gaps) {
    fieldset.querySelectorAll("[data-gap]").forEach(function (input) {
      var given = gaps[input.dataset.gap] || {};
      if (input.tagName === "SELECT") input.value = "choice" in given ? String(given.choice) : "";
      else if (input.type === "radio") input.checked = given.choice === Number(input.value);
      else if (input.type === "checkbox") input.checked = (given.choices || []).indexOf(Number(input.value)) >= 0;
      else input.value = given.text || "";
    });
  }

  function restore(fieldset) {
    var response = JSON.parse(fieldset.dataset.response || "null");
    if (!response) return;
    if ("gaps" in response) { restoreGaps(fieldset, response.gaps); return; }
    var inputs = fieldset.querySelectorAll("input, textarea, select");
    inputs.forEach(function (input) {
      if ("choice" in response && input.type === "radio") input.checked = Number(input.value) === response.choice;
      else if ("choices" in response && input.type === "checkbox") input.checked = response.choices.indexOf(Number(input.value)) >= 0;
      else if ("value" in response && input.type === "radio") input.checked = String(response.value) === input.value;
      else if ("pairs" in response && input.tagName === "SELECT") input.value = response.pairs[input.dataset.prompt] || "";
      else if ("text" in response && (input.type === "text" || input.tagName === "TEXTAREA")) input.value = response.text;
    });
  }
  questions.forEach(restore);

  var form = document.getElementById("attempt");
  if (!form) return; // a review page: nothing to save
  form.addEventListener("submit", function (event) { event.preventDefault(); }); // answers are saved one by one, never posted whole
  var saveUrl = form.dataset.saveUrl, clockUrl = form.dataset.clockUrl, msg = form.dataset;
  var csrf = form.dataset.csrf; // the CSRF cookie is HttpOnly: the page carries the token
  var banner = document.getElementById("connection");
  var pending = {}, inFlight = {}, retryDelay = 1000, retryTimer = null, offline = false, closed = false;

  function responseOf(fieldset) {
    var kind = fieldset.dataset.kind, name = "q" + fieldset.dataset.position;
    if (kind === "cloze") return gapsOf(fieldset);
    var inputs = Array.prototype.slice.call(fieldset.querySelectorAll("[name='" + name + "']"));
    if (kind === "single") { var c = inputs.filter(function (i) { return i.checked; })[0]; return c ? { choice: Number(c.value) } : null; }
    if (kind === "multiple") return { choices: inputs.filter(function (i) { return i.checked; }).map(function (i) { return Number(i.value); }) };
    if (kind === "truefalse") { var t = inputs.filter(function (i) { return i.checked; })[0]; return t ? { value: t.value === "true" } : null; }
    if (kind === "matching") { var pairs = {}; inputs.forEach(function (s) { if (s.value) pairs[s.dataset.prompt] = s.value; }); return { pairs: pairs }; }
    return { text: inputs[0].value };
  }

  function state(position, text) {
    var el = form.querySelector("fieldset[data-position='" + position + "'] .save-state");
    if (el) el.textContent = text;
  }

  function showOffline() {
    offline = true;
    banner.hidden = false;
    banner.className = "offline";
    banner.textContent = msg.msgOffline;
  }

  function showBack() {
    if (!offline || Object.keys(pending).length || Object.keys(inFlight).length) return;
    offline = false;
    banner.className = "online";
    banner.textContent = msg.msgBack;
  }

  function close(message) {
    closed = true;
    banner.hidden = false;
    banner.className = "offline";
    banner.textContent = message;
    form.querySelectorAll("input, textarea, select").forEach(function (i) { i.disabled = true; });
  }

  function send(position) {
    if (closed || inFlight[position] || !pending[position]) return;
    var item = pending[position];
    delete pending[position];
    inFlight[position] = item;
    state(position, msg.msgSaving);
    fetch(saveUrl + position + "/", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ seq: item.seq, response: item.response })
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) { return { status: r.status, body: body }; });
    }).then(function (result) {
      delete inFlight[position];
      if (result.status === 200) {
        retryDelay = 1000;
        if (!pending[position]) state(position, "✓ " + msg.msgSaved);
        showBack();
        send(position);
      } else if (result.status === 409 || result.status === 404) {
        close(result.body.error || msg.msgOver);
      } else if (result.status === 422) {
        state(position, result.body.error || "");
      } else {
        retry(position, item);
      }
    }, function () {
      delete inFlight[position];
      retry(position, item);
    });
  }

  function retry(position, item) {
    if (!pending[position]) pending[position] = item; // a newer change, if any, goes instead
    showOffline();
    clearTimeout(retryTimer);
    retryTimer = setTimeout(function () { Object.keys(pending).forEach(send); }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 10000);
  }

  function changed(fieldset) {
    var position = fieldset.dataset.position;
    var seq = Number(fieldset.dataset.seq) + 1;
    fieldset.dataset.seq = seq;
    pending[position] = { seq: seq, response: responseOf(fieldset) };
    send(position);
  }

  var typing = {};
  questions.forEach(function (fieldset) {
    fieldset.addEventListener("change", function () { changed(fieldset); });
    fieldset.addEventListener("input", function (event) {
      if (event.target.tagName !== "TEXTAREA" && event.target.type !== "text") return;
      clearTimeout(typing[fieldset.dataset.position]);
      typing[fieldset.dataset.position] = setTimeout(function () { changed(fieldset); }, 700);
    });
  });
  window.addEventListener("online", function () { Object.keys(pending).forEach(send); });
  window.addEventListener("beforeunload", function (event) {
    if (Object.keys(pending).length || Object.keys(inFlight).length) { event.preventDefault(); event.returnValue = ""; }
  });

  // The clock: the server's remaining seconds, counted down on the monotonic clock (a wrong
  // clock on the listener's computer changes nothing) and set again from the server each 30 s.
  var clock = document.getElementById("clock");
  var remaining = Number(clock.dataset.remaining), since = performance.now();
  function show() {
    var left = Math.max(0, Math.round(remaining - (performance.now() - since) / 1000));
    var h = Math.floor(left / 3600), m = Math.floor(left / 60) % 60, s = left % 60;
    clock.textContent = (h ? h + ":" : "") + String(m).padStart(2, "0") + ":" + String(s).padStart(2, "0");
    if (left === 0 && !closed) close(msg.msgOver);
  }
  setInterval(show, 1000);
  show();
  setInterval(function () {
    fetch(clockUrl, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (body) {
      remaining = body.remaining; since = performance.now();
      if (!body.open) close(msg.msgOver);
      showBack();
    }, showOffline);
  }, 30000);
})();
