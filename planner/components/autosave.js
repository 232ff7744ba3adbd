// One state object per mounted instance, keyed by its parentElement (the shadow
// root). Streamlit calls this default export again whenever `data` changes and
// keeps only the last cleanup, so everything here must be idempotent.
const INSTANCES = new WeakMap();
const DRAFT_PREFIX = "st-autosave-draft:";

function createInstance(root, key) {
  const ta = root.querySelector(".asta-input");
  const label = root.querySelector(".asta-label");
  const status = root.querySelector(".asta-status");
  const id = (key || "asta") + "-input";
  ta.id = id;
  label.htmlFor = id;                 // <label for> works inside the shadow root
  status.id = id + "-status";
  ta.setAttribute("aria-describedby", status.id);

  const s = {
    setStateValue: null,
    debounceMs: 700,
    maxWaitMs: 3000,          // continuous typing still saves at least this often
    confirmUnload: true,
    draftKey: null,           // localStorage key, only when Python passed draft_id
    lastSent: null,           // text Python has (sent by us, or passed in by Python)
    lastIncoming: undefined,  // last data.value seen (undefined = not mounted yet)
    ackedValue: null,         // text Python confirmed (data.ack === our rev)
    sentRev: null, sentValue: null, ackedRev: null,
    pendingValues: [],        // sent but not yet confirmed
    nonce: Math.random().toString(36).slice(2, 10),
    n: 0,
    pendingSince: null,
    focused: false,
    restored: false,
    timer: null, stallTimer: null,
    destroyed: false,
  };

  const unsent = () => s.lastSent !== null && ta.value !== s.lastSent;
  const inFlight = () => s.sentRev !== null && s.sentRev !== s.ackedRev;

  const setStatus = (state) => {
    const text = {
      saving: s.restored ? "Restoring unsaved text\u2026" : "Saving\u2026",
      saved: s.restored ? "Restored unsaved text \u00b7 Saved" : "Saved",
      stalled: "Not saved yet \u2013 waiting for the server\u2026",
    }[state];
    if (status.textContent !== text) status.textContent = text;
    status.dataset.state = state;
  };
  const refreshStatus = () => {
    if (unsent() || inFlight()) {
      if (status.dataset.state !== "stalled") setStatus("saving");
    } else if (s.sentRev !== null) {
      clearTimeout(s.stallTimer);
      setStatus("saved");
    }
  };

  // Local backup: survives a tab close that happens before the websocket
  // message is out; restored and sent on the next visit.
  const writeDraft = () => {
    if (!s.draftKey) return;
    try {
      if (!unsent() && !inFlight()) localStorage.removeItem(s.draftKey);
      else localStorage.setItem(s.draftKey, JSON.stringify({
        text: ta.value, base: s.ackedValue, pending: s.pendingValues.slice(-5), ts: Date.now() }));
    } catch (e) { /* storage full or disabled: autosave still works */ }
  };
  const readDraft = () => {
    try { return JSON.parse(localStorage.getItem(s.draftKey) || "null"); } catch (e) { return null; }
  };

  const flush = () => {
    clearTimeout(s.timer);
    s.timer = null;
    s.pendingSince = null;
    if (s.destroyed || !s.setStateValue) return;
    const v = ta.value;
    if (v === s.lastSent) { refreshStatus(); return; }
    s.n += 1;
    const rev = s.nonce + "-" + s.n;
    // Every text the planner may hold from this field: the one it confirmed or
    // passed in, and any sent since. Saved text that is none of these came from
    // another window, and Python refuses to save over it.
    const base = [s.ackedValue, ...s.pendingValues];
    s.lastSent = v;
    s.sentRev = rev;
    s.sentValue = v;
    s.pendingValues.push(v);
    // All three calls end up in one widget-state message (Streamlit flushes on a 0 ms timer).
    s.setStateValue("base", base);
    s.setStateValue("rev", rev);
    s.setStateValue("value", v);
    writeDraft();
    setStatus("saving");
    clearTimeout(s.stallTimer);
    s.stallTimer = setTimeout(() => { if (inFlight()) setStatus("stalled"); }, 8000);
  };

  const onInput = () => {
    s.restored = false;  // the "restored" note was about the text as it came back
    clearTimeout(s.timer);
    s.timer = null;
    if (unsent()) {
      const now = Date.now();
      if (s.pendingSince === null) s.pendingSince = now;
      s.timer = setTimeout(flush,
        Math.min(s.debounceMs, Math.max(0, s.pendingSince + s.maxWaitMs - now)));
    } else {
      s.pendingSince = null;
    }
    writeDraft();
    refreshStatus();
  };
  const onFocus = () => { s.focused = true; };
  const onBlur = () => { s.focused = false; flush(); };
  const onPageHide = () => flush();
  const onVisibility = () => { if (document.visibilityState === "hidden") flush(); };
  const onBeforeUnload = (e) => {
    flush();
    // The send above runs on a 0 ms timer, which the browser may never run once
    // the page unloads; ask the user to confirm while something is unconfirmed.
    if (s.confirmUnload && (unsent() || inFlight())) {
      e.preventDefault();
      e.returnValue = "";
    }
  };
  ta.addEventListener("input", onInput);
  ta.addEventListener("focus", onFocus);
  ta.addEventListener("blur", onBlur);
  window.addEventListener("pagehide", onPageHide);
  window.addEventListener("beforeunload", onBeforeUnload);
  document.addEventListener("visibilitychange", onVisibility);

  s.apply = (d) => {
    const labelText = typeof d.label === "string" ? d.label : "";
    if (label.textContent !== labelText) label.textContent = labelText;
    const ph = typeof d.placeholder === "string" ? d.placeholder : "";
    if (ta.placeholder !== ph) ta.placeholder = ph;
    if (typeof d.debounce_ms === "number") s.debounceMs = d.debounce_ms;
    if (typeof d.max_wait_ms === "number") s.maxWaitMs = d.max_wait_ms;
    s.confirmUnload = d.confirm_unload !== false;
    s.draftKey = typeof d.draft_id === "string" && d.draft_id ? DRAFT_PREFIX + d.draft_id : null;
    const incoming = typeof d.value === "string" ? d.value : "";

    if (s.lastIncoming === undefined) {
      // First mount: Python's value and height.
      if (typeof d.height === "number") ta.style.height = d.height + "px";
      ta.value = incoming;
      s.lastSent = incoming;
      s.ackedValue = incoming;
      s.lastIncoming = incoming;
      const draft = s.draftKey ? readDraft() : null;
      const kept = draft && typeof draft.text === "string" && draft.text.trim() !== "" &&
        draft.text !== incoming;
      if (kept && (draft.base === incoming || (draft.pending || []).includes(incoming))) {
        // Unsaved text from a closed tab, and the stored value has not moved on since.
        ta.value = draft.text;
        s.restored = true;
        flush();
      } else if (kept && !incoming.includes(draft.text)) {
        // Unsaved text, but another window saved different notes meanwhile: keep
        // both rather than lose either; the user tidies them up.
        ta.value = incoming ? incoming + "\n\n" + draft.text : draft.text;
        s.restored = true;
        flush();
      } else if (draft) {
        try { localStorage.removeItem(s.draftKey); } catch (e) {}
      }
      // Text the planner already holds is saved text: say so, so nobody has to wonder.
      if (!s.restored && incoming) setStatus("saved");
      else refreshStatus();
      return;
    }

    if (d.ack != null && d.ack === s.sentRev && s.ackedRev !== d.ack) {
      s.ackedRev = d.ack;     // Python ran on_save for our latest send
      s.ackedValue = s.sentValue;
      s.pendingValues = [];
      writeDraft();
    }
    if (d.failed != null && d.failed === s.sentRev) {
      // Python refused our latest send (e.g. too long): say so until a save succeeds.
      clearTimeout(s.stallTimer);
      const text = "Not saved: " + (typeof d.error === "string" ? d.error : "");
      if (status.textContent !== text) status.textContent = text;
      status.dataset.state = "stalled";
      s.lastIncoming = incoming;
      return;
    }
    if (incoming !== s.lastIncoming && !s.focused && !unsent() && !inFlight() &&
        ta.value !== incoming) {
      // Python changed the value itself and the user is not editing: show it.
      ta.value = incoming;
      s.lastSent = incoming;
      s.ackedValue = incoming;
    }
    s.lastIncoming = incoming;
    refreshStatus();
  };

  s.destroy = () => {
    flush();
    s.destroyed = true;
    clearTimeout(s.timer);
    clearTimeout(s.stallTimer);
    ta.removeEventListener("input", onInput);
    ta.removeEventListener("focus", onFocus);
    ta.removeEventListener("blur", onBlur);
    window.removeEventListener("pagehide", onPageHide);
    window.removeEventListener("beforeunload", onBeforeUnload);
    document.removeEventListener("visibilitychange", onVisibility);
    INSTANCES.delete(root);
  };
  return s;
}

export default function (component) {
  const { data, parentElement, setStateValue, key } = component;
  let s = INSTANCES.get(parentElement);
  if (!s) {
    s = createInstance(parentElement, key);
    INSTANCES.set(parentElement, s);
  }
  s.setStateValue = setStateValue;
  s.apply(data || {});
  return () => {
    // Streamlit may run a superseded invocation's cleanup while the element is
    // still shown; tear down only when it really left the page.
    if (!parentElement.isConnected) s.destroy();
  };
}
