/* casusspel on a phone: join a team, follow the session, answer.
 *
 * Text from the server is only ever put into the page with textContent (never innerHTML).
 * Every answer and draft carries an id made here; a request that is sent again after a network
 * error keeps its id, so the laptop applies it once. Plain ES2017: Safari and Chrome on phones
 * people have. */
(function () {
  "use strict";

  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
  var DRAFT_DELAY = 1000; // a change is saved on the laptop at most a second later
  var TICKS_DELAY = 300; // ticks tapped in a row go to the laptop together
  var TICK = 250;
  var POLL = 1500; // while the laptop is away: ask this often whether it is back

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") { node.textContent = attrs[key]; }
      else if (key === "className") { node.className = attrs[key]; }
      else if (key === "hidden") { node.hidden = !!attrs[key]; }
      else { node.setAttribute(key, attrs[key]); }
    });
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  function newId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function fill(text, values) {
    return String(text).replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : all;
    });
  }

  function wait(ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); }

  /* POST JSON; a network error is retried with the same body (and so the same id). */
  function post(path, body, tries) {
    var left = tries === undefined ? 3 : tries;
    return fetch(path, {
      method: "POST", credentials: "same-origin", cache: "no-store",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { ok: response.ok, status: response.status, data: data };
      });
    }, function (error) {
      if (left <= 1) { throw error; }
      return wait(1000).then(function () { return post(path, body, left - 1); });
    });
  }

  function say(text) { $("message").textContent = text || ""; }

  /* ---- joining ------------------------------------------------------------------------- */
  function joinPage() {
    var buttons = document.querySelectorAll("button.team");
    /* Enter (a phone keyboard's "Go") in the room code would hand the form in with its first
     * button, the first team: someone of another team would join that one without choosing.
     * It asks for the team instead. */
    $("code").addEventListener("keydown", function (event) {
      if (event.key !== "Enter") { return; }
      event.preventDefault();
      say(document.querySelector("#join-form legend").textContent);
      if (buttons.length) { buttons[0].focus(); }
    });
    Array.prototype.forEach.call(buttons, function (button) {
      button.addEventListener("click", function (event) {
        event.preventDefault();
        var code = $("code").value;
        Array.prototype.forEach.call(buttons, function (b) { b.disabled = true; });
        say("");
        post("/api/join", { code: code, team: button.value }).then(function (result) {
          if (result.ok) { window.location.replace("/"); return; }
          say(result.data.error);
          if (result.status === 403) {
            $("code").closest(".field").hidden = false;
            $("code").focus();
          }
        }, function () { say($("join").getAttribute("data-offline")); })
          .then(function () {
            Array.prototype.forEach.call(buttons, function (b) { b.disabled = false; });
          });
      });
    });
  }

  /* ---- playing ------------------------------------------------------------------------- */
  var texts = {};
  var view = null;
  var screenKey = "";
  var editing = false;
  var deadline = null;
  var source = null;
  var polling = null;
  var draft = { timer: null, busy: false, dirty: false, text: "", step: null, server: "" };
  var formAnswer; // the team's answer when the form on screen was drawn
  /* Factors ticked here and not yet sent (``add``, ``remove``), those on their way to the
   * laptop (``sending``: the same two, or null), and the ticks the laptop last said the team
   * has (``server``): a teammate's ticks show on this phone too. */
  var ticks = { timer: null, busy: false, add: {}, remove: {}, sending: null, start: [],
                server: null, step: null };
  var MAX = 5000;

  /* A local copy of the reflection in this tab (sessionStorage) until the laptop has it: a
   * reload right after the connection came back loses nothing. */
  // the team and the case's title belong to the key: a copy kept in this tab never goes to
  // another team ("Ander team kiezen") or to the same step of another case (a programme block)
  function storeKey() {
    var who = view ? [view.team, view.case && view.case.title].join(":") : "";
    return "casusspel-draft:" + who + ":" + (draft.step || "");
  }
  function keep(text) {
    try { window.sessionStorage.setItem(storeKey(), text); } catch (e) { /* private mode */ }
  }
  function kept() {
    try { return window.sessionStorage.getItem(storeKey()); } catch (e) { return null; }
  }
  function forget() {
    try { window.sessionStorage.removeItem(storeKey()); } catch (e) { /* private mode */ }
  }

  /* A teammate handed in or typed something newer: show it next to this phone's own text. */
  function newer(v, code) {
    var old = $("newer");
    if (old) { old.parentNode.removeChild(old); }
    view = v;
    formAnswer = v.answer;
    if (v.kind === "factors" && code === "phone.ticks.newer") {
      render(v, true); // the team's ticks now, with this phone's own unsent taps on top
      return;
    }
    if (v.kind !== "reflection") { editing = false; render(v, true); return; }
    draft.server = v.draft || "";
    var use = el("button", { type: "button", className: "secondary", text: t("draft.use") });
    var box = el("div", { id: "newer", className: "handed-in", role: "status" }, [
      el("p", { className: "hint", text: t("draft.newer") }),
      el("p", { className: "reflection-text", text: v.draft || v.answer || "" }), use]);
    use.addEventListener("click", function () {
      var area = $("reflection");
      if (area) { area.value = v.draft || v.answer || ""; area.dispatchEvent(new Event("input")); }
      box.parentNode.removeChild(box);
    });
    var form = document.querySelector("#answer form");
    if (form) { form.appendChild(box); }
  }

  function t(key, values) { return fill(texts[key] || key, values || {}); }

  function stepOf(v) { return v.case_index + ":" + v.phase; }

  function clockText(seconds) {
    var s = Math.max(0, Math.ceil(seconds));
    var m = Math.floor(s / 60);
    var r = s % 60;
    return m + ":" + (r < 10 ? "0" : "") + r;
  }

  function tick() {
    var clock = $("clock");
    if (!view || !view.timer) { clock.hidden = true; return; }
    clock.hidden = false;
    var left = view.timer.paused ? view.timer.left : (deadline - performance.now()) / 1000;
    clock.className = "clock" + (left <= 0 ? " up" : (left <= 60 ? " last-minute" : ""));
    if (view.timer.paused) { clock.textContent = t("timer.paused", { time: clockText(left) }); }
    else if (left <= 0) { clock.textContent = t("timer.up"); }
    else { clock.textContent = t("timer.left", { time: clockText(left) }); }
  }

  function paragraphs(list) {
    return list.map(function (p) { return el("p", { text: p }); });
  }

  function caseSection(v) {
    var section = $("case-text");
    clear(section);
    if (!v.case) { return; }
    var c = v.case;
    var open = v.kind === "watch" || v.phase === "situation";
    var details = el("details", open ? { open: "" } : {});
    details.appendChild(el("summary", {
      id: "case-title",
      text: t("case", { n: v.case_number, total: v.case_total, title: c.title })
    }));
    paragraphs(c.situation).forEach(function (p) { details.appendChild(p); });
    if (c.persons.length) {
      details.appendChild(el("h3", { text: t("persons") }));
      var list = el("dl", { className: "persons" });
      c.persons.forEach(function (person) {
        list.appendChild(el("dt", { text: person.name }));
        var about = el("dd", {}, [el("p", { text: person.about })]);
        if (person.factors.length) {
          about.appendChild(el("ul", { "aria-label": t("visible") }, person.factors.map(
            function (f) { return el("li", { text: f.name + ": " + f.note }); })));
        }
        list.appendChild(about);
      });
      details.appendChild(list);
    }
    details.appendChild(el("p", { className: "question" }, [
      el("strong", { text: t("question") + ": " }), el("span", { text: c.question })]));
    section.appendChild(details);
  }

  function stageBlock(v) {
    if (!v.stage) { return null; }
    return el("div", { className: "stage" }, [
      el("h2", { text: t("stage", { title: v.stage.title }) })
    ].concat(paragraphs(v.stage.situation)));
  }

  function submitButton(label) {
    return el("button", { type: "submit", className: "primary", text: label });
  }

  function handIn(form, body) {
    var button = form.querySelector("button[type=submit]");
    var label = button.textContent;
    button.disabled = true;
    button.textContent = t("sending");
    say("");
    body.id = newId();
    body.case = view.case_index;
    body.phase = view.phase;
    // what this phone last knew of the team's text or answer: a teammate's newer one is
    // never replaced without a warning
    // (a reflection: also the draft this phone is still sending, which is not a teammate's)
    body.seen = view.kind === "reflection" ? (draft.busy ? [draft.server, draft.sending]
                                              : draft.server)
      : (formAnswer === undefined ? null : formAnswer);
    // (and, while its own ticks are on their way, the team's ticks with them: not a teammate's)
    if (view.kind === "factors" && ticks.server) {
      body.seen_ticks = ticks.sending ? [ticks.server, merged(ticks.server, ticks.sending)]
                                      : [ticks.server];
    }
    var sent = view; // the step handed in
    post("/api/answer", body).then(function (result) {
      // a reply made before the view on screen (the stream was quicker): old news
      var stale = !!result.data.view && older(result.data.view);
      if (stale && stepOf(view) !== stepOf(sent)) { return; } // the room moved on meanwhile
      if (result.ok) {
        editing = false;
        if (sent.kind === "reflection") { draft.dirty = false; forget(); }
        if (sent.kind === "factors") { resetTicks(); }
        if (stale) { render(view, true); } else { show(result.data.view, true); }
        return;
      }
      say(result.data.error);
      if (result.data.view && !stale) { newer(result.data.view, result.data.code); }
      if (view.kind === "factors" && unsentTicks() && ticks.timer === null) {
        ticks.timer = setTimeout(sendTicks, TICKS_DELAY); // not handed in: share them after all
      }
      if (result.status === 403) { window.location.reload(); }
    }, function () { say(t("error.network")); }).then(function () {
      button.disabled = false;
      button.textContent = label;
    });
  }

  function handedIn(v, summary) {
    var box = el("div", { className: "handed-in", role: "status" }, [
      el("p", { className: "done", text: t("handed_in") })
    ].concat(summary).concat([el("p", { className: "hint", text: t("handed_in.change") })]));
    var change = el("button", { type: "button", className: "secondary", text: t("change") });
    change.addEventListener("click", function () { editing = true; render(v, true); });
    box.appendChild(change);
    return box;
  }

  function factorsForm(v) {
    var chosen = v.answer || [];
    if (chosen.length && !editing) {
      var names = {};
      v.factors.forEach(function (f) { names[f.id] = f.name; });
      return handedIn(v, [el("ul", {}, chosen.map(function (id) {
        return el("li", { text: names[id] || id });
      }))]);
    }
    if (ticks.step !== stepOf(v)) { resetTicks(); ticks.step = stepOf(v); }
    ticks.start = chosen.slice();
    ticks.server = v.ticks || null;
    var shown = onTop(v.ticks || chosen);
    var form = el("form", { novalidate: "" });
    var set = el("fieldset", {}, [el("legend", { text: t("factors.title") }),
                                  el("p", { className: "hint", text: t("factors.hint") })]);
    v.factors.forEach(function (f, index) {
      var id = "f-" + index;
      var box = el("input", { type: "checkbox", id: id, value: f.id });
      box.checked = shown.indexOf(f.id) >= 0;
      box.addEventListener("change", function () { ticked(box.value, box.checked); });
      set.appendChild(el("label", { className: "check", "for": id }, [
        box, el("span", { className: "name", text: f.name }),
        el("span", { className: "vis vis-" + f.visibility, text: f.visibility_name })]));
    });
    form.appendChild(set);
    form.appendChild(submitButton(chosen.length ? t("resubmit") : t("submit")));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var picked = Array.prototype.map.call(
        form.querySelectorAll("input[type=checkbox]:checked"), function (b) { return b.value; });
      if (!picked.length) { say(t("factors.none")); return; }
      clearTimeout(ticks.timer);
      ticks.timer = null;
      handIn(form, { factors: picked });
    });
    return form;
  }

  /* ---- ticks shared with the team's other phones ------------------------------------------ */
  function resetTicks() {
    clearTimeout(ticks.timer);
    ticks.timer = null;
    ticks.add = {};
    ticks.remove = {};
    ticks.sending = null;
    ticks.server = null;
  }

  function unsentTicks() {
    return Object.keys(ticks.add).length + Object.keys(ticks.remove).length > 0;
  }

  /* ``list`` with ``taps`` (``add``, ``remove``) applied, as the laptop merges them. */
  function merged(list, taps) {
    var result = list.filter(function (id) { return !taps.remove[id]; });
    Object.keys(taps.add).forEach(function (id) {
      if (result.indexOf(id) < 0) { result.push(id); }
    });
    return result;
  }

  /* ``list`` with this phone's own taps that the laptop may not have yet on top: those on
   * their way, then those not sent yet (the newest). */
  function onTop(list) {
    return merged(ticks.sending ? merged(list, ticks.sending) : list, ticks);
  }

  function ticked(id, on) {
    if (on) { ticks.add[id] = true; delete ticks.remove[id]; }
    else { ticks.remove[id] = true; delete ticks.add[id]; }
    if (ticks.timer === null) { ticks.timer = setTimeout(sendTicks, TICKS_DELAY); }
  }

  function sendTicks() {
    clearTimeout(ticks.timer);
    ticks.timer = null;
    if (!view || view.kind !== "factors" || stepOf(view) !== ticks.step) { return; }
    if (ticks.busy) { ticks.timer = setTimeout(sendTicks, TICKS_DELAY); return; }
    if (!unsentTicks()) { return; }
    var sent = { add: ticks.add, remove: ticks.remove };
    var add = Object.keys(ticks.add);
    var remove = Object.keys(ticks.remove);
    ticks.add = {};
    ticks.remove = {};
    ticks.sending = sent; // still shown as ticked while on their way, never a teammate's
    ticks.busy = true;
    var parts = ticks.step.split(":");
    post("/api/ticks", { case: +parts[0], phase: parts[1], add: add, remove: remove,
                         start: ticks.start }).then(function (result) {
      var ours = ticks.sending === sent; // (not a step or an answer ago)
      if (ours) { ticks.sending = null; }
      if (!result.ok) { say(result.data.error || ""); }
      // the ticks the laptop has now, with these in them (unless the stream told newer ones)
      if (result.ok && result.data.view) { show(result.data.view); }
      if (ours) { drawTicks(); }
    }, function () {  // not on the laptop: try again with the next tap or in a moment
      if (ticks.sending !== sent) { return; }
      ticks.sending = null;
      add.forEach(function (id) { if (!ticks.remove[id]) { ticks.add[id] = true; } });
      remove.forEach(function (id) { if (!ticks.add[id]) { ticks.remove[id] = true; } });
      say(t("error.network"));
    }).then(function () {
      ticks.busy = false;
      if (unsentTicks() && ticks.timer === null) {
        ticks.timer = setTimeout(sendTicks, TICKS_DELAY);
      }
    });
  }

  /* The laptop's ticks for the team changed (a teammate's, or this phone's own coming back):
   * the boxes follow, with this phone's own taps not on the laptop yet on top. Also while its
   * own ticks are on their way: the laptop's ticks are then the ones to hand in over. */
  function followTicks(v) {
    if (!v.ticks || JSON.stringify(v.ticks) === JSON.stringify(ticks.server)) { return; }
    ticks.server = v.ticks;
    drawTicks();
  }

  function drawTicks() {
    if (!ticks.server || !view || view.kind !== "factors" || stepOf(view) !== ticks.step) {
      return;
    }
    var shown = onTop(ticks.server);
    Array.prototype.forEach.call(document.querySelectorAll("#answer input[type=checkbox]"),
                                 function (box) { box.checked = shown.indexOf(box.value) >= 0; });
  }

  function choicesForm(v) {
    if (v.answer && !editing) {
      var picked = v.choices.filter(function (c) { return c.id === v.answer; })[0];
      return handedIn(v, [el("p", { text: picked ? picked.letter + ". " + picked.text : "" })]);
    }
    var form = el("form", { novalidate: "" });
    var set = el("fieldset", {}, [el("legend", { text: t("choices.title") }),
                                  el("p", { className: "hint", text: v.question || "" })]);
    v.choices.forEach(function (c, index) {
      var id = "c-" + index;
      var radio = el("input", { type: "radio", name: "choice", id: id, value: c.id });
      radio.checked = c.id === v.answer;
      set.appendChild(el("label", { className: "choice", "for": id }, [
        radio, el("span", { className: "letter", text: c.letter }),
        el("span", { className: "name", text: c.text })]));
    });
    form.appendChild(set);
    form.appendChild(submitButton(v.answer ? t("resubmit") : t("submit")));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var radio = form.querySelector("input[type=radio]:checked");
      if (!radio) { say(t("choice.none")); return; }
      handIn(form, { choice: radio.value });
    });
    return form;
  }

  function draftStatus(text) {
    var status = $("draft-status");
    if (status) { status.textContent = text; }
  }

  function saveDraft() {
    clearTimeout(draft.timer);
    draft.timer = null;
    var area = $("reflection");
    if (!area || !view || stepOf(view) !== draft.step) { return; }
    if (draft.busy) { draft.dirty = true; return; }
    var text = area.value;
    if (text.length > MAX) { draftStatus(t("too_long", { n: text.length, max: MAX })); return; }
    draft.busy = true;
    draft.sending = text;
    draft.dirty = false;
    draftStatus(t("draft.saving"));
    var parts = draft.step.split(":");
    post("/api/draft", { id: newId(), case: +parts[0], phase: parts[1], text: text })
      .then(function (result) {
        if (result.ok) {
          draft.text = text;
          draft.server = text;
          if (kept() === text) { forget(); }  // also when a takeover removed the box
          var now = new Date();
          draftStatus(t("draft.saved", {
            time: now.getHours() + ":" + ("0" + now.getMinutes()).slice(-2) }));
        } else {
          draftStatus(result.data.error || "");
          if (result.status === 403) { window.location.reload(); }
        }
      }, function () {
        draft.dirty = true;
        draftStatus(t("draft.offline"));
      }).then(function () {
        draft.busy = false;
        if (draft.dirty && $("reflection")) { scheduleDraft(); }
      });
  }

  function scheduleDraft() {
    draft.dirty = true;
    if (draft.timer === null) { draft.timer = setTimeout(saveDraft, DRAFT_DELAY); }
  }

  function reflectionForm(v) {
    if (v.answer && !editing) {
      var shown = el("p", { className: "reflection-text", text: v.answer });
      var extra = v.draft && v.draft !== v.answer ? el("p", {
        className: "hint", text: t("draft.unsent") }) : null;
      return handedIn(v, [el("p", { className: "hint", text: t("handed_in.reflection") }),
                          shown, extra]);
    }
    var form = el("form", { novalidate: "" });
    // no maxlength: a longer text is never cut off; the counter says it is too long
    var area = el("textarea", { id: "reflection", rows: "8",
                                "aria-describedby": "draft-status chars" });
    var start = v.draft || v.answer || "";
    if (draft.step === stepOf(v) && draft.dirty && draft.local !== undefined) {
      start = draft.local;
    }
    draft.step = stepOf(v);
    var local = kept();
    if (local !== null && local !== start) { start = local; draft.dirty = true; }
    area.value = start;
    draft.text = v.draft || "";
    draft.server = v.draft || "";
    var counter = el("p", { id: "chars", className: "hint" });
    function count() {
      var n = area.value.length;
      counter.textContent = n > MAX ? t("too_long", { n: n, max: MAX })
                                    : t("chars", { n: n, max: MAX });
      counter.className = n > MAX ? "hint warn" : "hint";
    }
    count();
    if (draft.dirty) { scheduleDraft(); }
    area.addEventListener("input", function () {
      count();
      draft.local = area.value;
      keep(area.value);
      scheduleDraft();
    });
    form.appendChild(el("label", { "for": "reflection", className: "prompt", text: v.prompt }));
    form.appendChild(area);
    form.appendChild(counter);
    form.appendChild(el("p", { id: "draft-status", className: "hint", role: "status" }));
    form.appendChild(submitButton(v.answer ? t("resubmit") : t("submit")));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!area.value.trim()) { say(t("reflection.empty")); return; }
      if (area.value.length > MAX) {
        say(t("too_long", { n: area.value.length, max: MAX })); return;
      }
      clearTimeout(draft.timer);
      draft.timer = null;
      handIn(form, { text: area.value });
    });
    return form;
  }

  /* The laptop took the team's answer over: text typed on this phone that never reached the
   * laptop is shown (never sent any more), so the team can read it out to the trainer. */
  function unsent(section, v) {
    if (draft.step !== stepOf(v)) { return; }
    var local = kept();
    // the laptop has it: the team's draft there, or the last text it acknowledged
    if (local === null || !local.trim() || local === (v.draft || "") || local === draft.server) {
      return;
    }
    section.appendChild(el("p", { className: "hint", text: t("taken.unsent") }));
    section.appendChild(el("p", { id: "unsent", className: "reflection-text", text: local }));
  }

  function answerSection(v) {
    var section = $("answer");
    clear(section);
    formAnswer = v.answer;
    var stage = stageBlock(v);
    if (stage) { section.appendChild(stage); }
    if (v.status) {
      section.appendChild(el("p", { className: "status status-" + v.kind, text: v.status }));
      if (v.taken) { unsent(section, v); }
      return;
    }
    if (v.kind === "factors") { section.appendChild(factorsForm(v)); }
    else if (v.kind === "choice") { section.appendChild(choicesForm(v)); }
    else if (v.kind === "reflection") { section.appendChild(reflectionForm(v)); }
  }

  function keyOf(v) {
    return [v.case_index, v.phase, v.kind, v.skipped, v.status,
            JSON.stringify(v.answer), editing].join("|");
  }

  /* Draw ``v``; the forms are only rebuilt when the step or the team's answer changed, so
   * nothing someone is ticking or typing is wiped by an update from the laptop. */
  function render(v, force) {
    var key = keyOf(v);
    if (force || key !== screenKey) {
      if (screenKey.split("|").slice(0, 2).join("|") !== key.split("|").slice(0, 2).join("|")) {
        editing = false; // a new step: start at its top
        key = keyOf(v);
        say("");
        window.scrollTo(0, 0);
      }
      screenKey = key;
      answerSection(v);
      caseSection(v);
    } else if (v.kind === "factors") {
      followTicks(v);
    } else if (v.kind === "reflection") {
      var area = $("reflection");
      if (area && document.activeElement !== area && !draft.dirty && v.draft &&
          v.draft !== area.value) {
        area.value = v.draft; // another phone of the team typed
        $("chars").textContent = t("chars", { n: area.value.length, max: MAX });
      }
      if (area && v.draft === area.value) { draft.server = v.draft; } // this phone has seen it
    }
    // a pause keeps the question and what is typed; handing in waits for the trainer
    $("paused").hidden = !v.paused || !!v.status;
    $("paused").textContent = v.paused_text || "";
    Array.prototype.forEach.call(document.querySelectorAll("#answer button[type=submit]"),
                                 function (button) { button.disabled = !!v.paused; });
    $("phase").textContent = v.phase_name || "";
    tick();
  }

  function show(v, force) {
    if (v.kind === "closed") {
      // the laptop stopped the page (the session was saved): say so, and come back by
      // itself when the trainer resumes with --phones
      if (source) { source.close(); source = null; }
      if (view && view.kind === "finished") { connection(""); return; } // nothing more to come
      connection(v.status);
      if (!polling) { polling = setInterval(poll, POLL); }
      return;
    }
    if (older(v)) { return; } // e.g. an answer's reply that arrives after the next step
    view = v;
    if (v.timer) { deadline = performance.now() + v.timer.left * 1000; }
    render(v, force);
  }

  // whether the laptop made ``v`` before the view shown now (same laptop process and block)
  function older(v) {
    return !!view && !!v.epoch && v.epoch === view.epoch && typeof v.version === "number"
      && typeof view.version === "number" && v.version < view.version;
  }

  function connection(text) {
    var banner = $("connection");
    banner.hidden = !text;
    banner.textContent = text || "";
  }

  function poll() {
    fetch("/api/state", { credentials: "same-origin", cache: "no-store" }).then(function (r) {
      if (r.status === 403) { window.location.reload(); return null; }
      return r.ok ? r.json() : null;
    }).then(function (v) {
      if (!v) { return; }
      if (polling && window.EventSource && !source) { // the laptop is back: follow it again
        clearInterval(polling);
        polling = null;
        follow();
        return;
      }
      connection("");
      show(v);
    }, function () { connection(t("offline")); });
  }

  function follow() {
    if (!window.EventSource) { if (!polling) { polling = setInterval(poll, POLL); } poll(); return; }
    var lost = false;
    source = new EventSource("/api/events");
    source.onmessage = function (event) {
      if (lost) { connection(t("reconnected")); setTimeout(function () { connection(""); }, 2000); }
      else { connection(""); }
      lost = false;
      show(JSON.parse(event.data));
    };
    source.onopen = function () { if (draft.dirty) { saveDraft(); } };
    source.onerror = function () {
      lost = true;
      connection(t("offline"));
      if (source && source.readyState === 2) { // closed for good: ask now and then instead
        source = null;
        if (!polling) { polling = setInterval(poll, POLL); }
      }
    };
  }

  function loadTexts() {
    fetch("/api/texts", { credentials: "same-origin", cache: "no-store" }).then(function (r) {
      if (r.status === 403) { window.location.reload(); return null; }
      return r.ok ? r.json() : null;
    }).then(function (loaded) {
      if (!loaded) { setTimeout(loadTexts, 3000); return; }
      texts = loaded;
      follow();
      setInterval(tick, TICK);
    }, function () { setTimeout(loadTexts, 3000); });
  }

  function playPage() {
    $("leave").addEventListener("click", function () {
      if (!window.confirm(t("leave.confirm"))) { return; }
      post("/api/leave", {}).then(function (result) {
        var code = result.data && result.data.code;
        window.location.replace(code ? "/?code=" + encodeURIComponent(code) : "/");
      });
    });
    loadTexts();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var page = document.querySelector("[data-page]");
    if (!page) { return; }
    if (page.getAttribute("data-page") === "join") { joinPage(); } else { playPage(); }
  });
}());
