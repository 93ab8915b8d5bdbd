// Rapport's agent workspace: the little the server cannot do. No inline scripts anywhere (strict CSP).
(function () {
  "use strict";

  const csrfToken = document.querySelector('meta[name="_csrf"]')?.content;
  const csrfHeader = document.querySelector('meta[name="_csrf_header"]')?.content;

  function post(url, data) {
    const headers = { "Content-Type": "application/x-www-form-urlencoded" };
    if (csrfToken && csrfHeader) headers[csrfHeader] = csrfToken;
    return fetch(url, { method: "POST", headers, body: new URLSearchParams(data), credentials: "same-origin" });
  }

  // htmx requests carry the CSRF token like forms do.
  document.addEventListener("htmx:configRequest", (event) => {
    if (csrfToken && csrfHeader) event.detail.headers[csrfHeader] = csrfToken;
  });

  // Theme: follows the system unless the agent chose one (theme.js applies the choice before paint).
  document.addEventListener("click", (event) => {
    if (!event.target.closest("[data-theme-toggle]")) return;
    const dark = document.documentElement.dataset.theme
      ? document.documentElement.dataset.theme === "dark"
      : window.matchMedia("(prefers-color-scheme: dark)").matches;
    const next = dark ? "light" : "dark";
    document.documentElement.dataset.theme = next;
    localStorage.setItem("rapport-theme", next);
  });

  // Forms that change a lot ask first.
  document.addEventListener("submit", (event) => {
    const form = event.target.closest("form[data-confirm]");
    if (form && !window.confirm(form.dataset.confirm)) event.preventDefault();
  });

  // A prepared text (the boundary reply) goes into the reply box, after what is already written.
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-insert-into]");
    if (!button) return;
    const box = document.getElementById(button.dataset.insertInto);
    if (!box) return;
    box.value = box.value.trim() ? `${box.value.trimEnd()}\n\n${button.dataset.text}` : button.dataset.text;
    box.dispatchEvent(new Event("input", { bubbles: true }));
    box.focus();
  });

  // Select all tickets on the page.
  document.addEventListener("change", (event) => {
    if (!event.target.matches("[data-select-all]")) return;
    document.querySelectorAll('input[name="ticket"]').forEach((box) => { box.checked = event.target.checked; });
  });

  function typingInField(event) {
    const t = event.target;
    return t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName);
  }

  // Keyboard: j/k move through the list, Enter opens, x selects, / searches; r and n on a ticket.
  let cursorId = null;
  function rows() { return Array.from(document.querySelectorAll("tr[data-row]")); }
  function moveCursor(step) {
    const all = rows();
    if (all.length === 0) return;
    let index = all.findIndex((row) => row.id === cursorId);
    index = index < 0 ? 0 : Math.min(all.length - 1, Math.max(0, index + step));
    all.forEach((row) => row.classList.remove("cursor"));
    const row = all[index];
    row.classList.add("cursor");
    row.setAttribute("tabindex", "-1");
    row.focus({ preventScroll: true });
    row.scrollIntoView({ block: "nearest" });
    cursorId = row.id;
  }
  // A live reload replaces the rows; the cursor stays on the same ticket.
  document.addEventListener("htmx:load", () => {
    const row = cursorId && document.getElementById(cursorId);
    if (row) row.classList.add("cursor");
  });
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "Escape" && typingInField(event)) { event.target.blur(); return; }
    if (typingInField(event)) return;
    const reply = document.getElementById("reply-text");
    switch (event.key) {
      case "/": {
        const search = document.getElementById("global-search");
        if (search) { event.preventDefault(); search.focus(); }
        break;
      }
      case "j": moveCursor(1); break;
      case "k": moveCursor(-1); break;
      case "x": {
        const row = cursorId && document.getElementById(cursorId);
        const box = row && row.querySelector('input[name="ticket"]');
        if (box) box.checked = !box.checked;
        break;
      }
      case "Enter": {
        const row = cursorId && document.getElementById(cursorId);
        const link = row && row.querySelector("[data-open]");
        if (link) { event.preventDefault(); link.click(); }
        break;
      }
      case "r":
      case "n":
        if (reply) {
          event.preventDefault();
          const kind = document.querySelector(`input[name="kind"][value="${event.key === "r" ? "reply" : "note"}"]`);
          if (kind) kind.checked = true;
          reply.focus();
        }
        break;
      default:
    }
  });

  // Drafts survive a reload; a sent message clears its draft.
  const replyForm = document.querySelector("form[data-draft-key]");
  if (replyForm) {
    const key = "rapport-" + replyForm.dataset.draftKey;
    const text = replyForm.querySelector("textarea[name=text]");
    if (replyForm.dataset.sent) {
      localStorage.removeItem(key);
    } else if (!text.value) {
      try {
        const draft = JSON.parse(localStorage.getItem(key) || "null");
        if (draft && draft.text) {
          text.value = draft.text;
          const kind = replyForm.querySelector(`input[name="kind"][value="${draft.kind}"]`);
          if (kind) kind.checked = true;
        }
      } catch (e) {
        localStorage.removeItem(key);
      }
    }
    let saveTimer = null;
    const save = () => {
      const kind = replyForm.querySelector('input[name="kind"]:checked')?.value || "reply";
      if (text.value) localStorage.setItem(key, JSON.stringify({ text: text.value, kind, at: Date.now() }));
      else localStorage.removeItem(key);
    };
    replyForm.addEventListener("input", () => { clearTimeout(saveTimer); saveTimer = setTimeout(save, 300); });
    replyForm.addEventListener("change", save);

    // Others see that this agent is typing.
    const ticket = document.querySelector("[data-ticket]")?.dataset.ticket;
    let typing = false;
    let lastSent = 0;
    let idleTimer = null;
    text.addEventListener("input", () => {
      if (!ticket) return;
      const now = Date.now();
      if (!typing || now - lastSent > 10000) {
        typing = true;
        lastSent = now;
        post(`/tickets/${ticket}/typing`, { typing: "true" });
      }
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => {
        typing = false;
        post(`/tickets/${ticket}/typing`, { typing: "false" });
      }, 8000);
    });
  }
})();
