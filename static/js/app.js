// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Let htmx send the CSRF token with its requests.
  const token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (token) {
    document.body.addEventListener("htmx:configRequest", (event) => {
      event.detail.headers["X-CSRFToken"] = token.value;
    });
  }
  // Buttons that ask before a destructive action: <button data-confirm="...">.
  document.body.addEventListener("click", (event) => {
    const target = event.target.closest("[data-confirm]");
    if (target && !window.confirm(target.dataset.confirm)) {
      event.preventDefault();
    }
  });

  // After a failed submit, focus goes to the error summary; its links move focus to the field.
  const summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", (event) => {
      const link = event.target.closest("a[href^='#']");
      if (!link) return;
      const target = document.getElementById(link.getAttribute("href").slice(1));
      if (!target) return;
      const field = target.matches("input, select, textarea") ? target : target.querySelector("input, select, textarea");
      if (field) {
        event.preventDefault();
        field.scrollIntoView({ block: "center" });
        field.focus();
      }
    });
  }

  // Tables that become cards on a phone: each cell is labelled with its column's heading.
  document.querySelectorAll("table.responsive").forEach((table) => {
    const headings = Array.from(table.querySelectorAll("thead th")).map((th) => th.textContent.trim());
    table.querySelectorAll("tbody tr").forEach((row) => {
      Array.from(row.children).forEach((cell, index) => {
        if (headings[index] && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", headings[index]);
      });
    });
  });

  // The "public" box of a new activity follows the chosen category until it is touched.
  document.querySelectorAll("input[data-public-defaults]").forEach((box) => {
    const defaults = JSON.parse(box.dataset.publicDefaults);
    const category = box.form && box.form.querySelector("select[name=category]");
    if (!category) return;
    let touched = false;
    box.addEventListener("change", () => { touched = true; });
    category.addEventListener("change", () => {
      if (touched) return;
      const value = defaults[category.value];
      box.checked = value === undefined ? defaults[""] : value;
    });
  });

  // "Select all" boxes: <input type="checkbox" data-select-all="name"> ticks every box of that name.
  document.querySelectorAll("[data-select-all]").forEach((box) => {
    const name = box.dataset.selectAll;
    const boxes = () => Array.from(document.querySelectorAll(`input[type=checkbox][name="${name}"]`));
    box.hidden = false;
    box.closest("[hidden]")?.removeAttribute("hidden");
    box.addEventListener("change", () => boxes().forEach((b) => { b.checked = box.checked; }));
    document.addEventListener("change", (event) => {
      if (event.target.name !== name) return;
      const all = boxes();
      box.checked = all.every((b) => b.checked);
      box.indeterminate = !box.checked && all.some((b) => b.checked);
    });
  });

  // The filter bar folds away on a phone, so the first results are in view; it shows how many
  // filters are in use.
  const narrow = window.matchMedia("(max-width: 47.99em)").matches;
  document.querySelectorAll("[data-filter-bar]").forEach((bar) => {
    const params = new URLSearchParams(window.location.search);
    const used = Array.from(bar.querySelectorAll("input, select, textarea")).filter((field) => {
      if (!field.name || !params.get(field.name)) return false;
      if (field.type === "checkbox") return field.checked;
      return field.tagName !== "SELECT" || field.selectedIndex > 0;
    }).length;
    const count = bar.querySelector("[data-filter-count]");
    if (count && used) {
      count.textContent = used;
      count.hidden = false;
    }
    if (narrow) bar.open = false;
  });

  // A box that scrolls (a wide table, a long text) can be reached and scrolled by keyboard.
  // Whether it scrolls changes with the window (400 % zoom, a turned tablet) and with content
  // swapped in by htmx, so it is decided again on each change, not once at load.
  const scrollBoxes = () => document.querySelectorAll(".table-wrap, .consent-text, .scroll-box");
  const fitScrollBox = (box) => {
    const scrolls = box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
    if (scrolls && !box.hasAttribute("tabindex")) {
      box.setAttribute("tabindex", "0");
      box.dataset.scrollFocus = "";
      // Named after the table's caption; without one the box is focusable but no landmark
      // (its section already names it).
      const caption = box.querySelector("caption");
      if (caption && !box.hasAttribute("role")) {
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", caption.textContent.trim());
        box.dataset.scrollRegion = "";
      }
    } else if (!scrolls && "scrollFocus" in box.dataset && document.activeElement !== box) {
      // Only what this script added is taken away again.
      box.removeAttribute("tabindex");
      delete box.dataset.scrollFocus;
      if ("scrollRegion" in box.dataset) {
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
        delete box.dataset.scrollRegion;
      }
    }
  };
  const fitScrollBoxes = () => scrollBoxes().forEach(fitScrollBox);
  fitScrollBoxes();
  // Each box (and what it holds) is watched for a change of size, which a narrower window, a
  // zoom or a swap gives: the box is decided again in the same frame, before it is painted.
  // Without ResizeObserver (browsers before 2020), the window's resizes are followed instead.
  if ("ResizeObserver" in window) {
    const observer = new ResizeObserver((entries) => entries.forEach((entry) => {
      const box = entry.target.closest(".table-wrap, .consent-text, .scroll-box");
      if (box) fitScrollBox(box);
    }));
    const observeAll = () => scrollBoxes().forEach((box) => {
      observer.observe(box);
      const inner = box.firstElementChild;
      if (inner) observer.observe(inner);
    });
    observeAll();
    document.body.addEventListener("htmx:afterSettle", observeAll);
  } else {
    let resizeTimer;
    window.addEventListener("resize", () => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(fitScrollBoxes, 100);
    });
  }
  document.body.addEventListener("htmx:afterSettle", fitScrollBoxes);

  // "Add a row" in a formset: copy the empty row, numbered after the last one.
  document.querySelectorAll("[data-formset]").forEach((section) => {
    const prefix = section.dataset.formset;
    const total = section.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);
    const max = section.querySelector(`input[name="${prefix}-MAX_NUM_FORMS"]`);
    const template = section.querySelector("template[data-empty-row]");
    const button = section.querySelector("[data-add-row]");
    if (!total || !template || !button) return;
    button.hidden = false;
    button.addEventListener("click", () => {
      const index = parseInt(total.value, 10);
      if (max && index >= parseInt(max.value, 10)) return;
      const html = template.innerHTML.replace(/__prefix__/g, index).replace(/__number__/g, index + 1);
      button.insertAdjacentHTML("beforebegin", html);
      total.value = index + 1;
      button.previousElementSibling.querySelector("input, select, textarea")?.focus();
    });
  });

  // One live region for the whole page (base.html), present from the start, so that what is
  // written into it is announced. Messages shown after a redirect ("Saved") are read out
  // through it; the visible message stays where it is.
  const announcer = document.getElementById("announcer");
  const announce = (text) => {
    if (!announcer || !text) return;
    announcer.textContent = "";
    setTimeout(() => { announcer.textContent = text; }, 100);
  };
  const shown = Array.from(document.querySelectorAll("[data-messages] .message")).map((m) => m.textContent.trim());
  if (shown.length && !summary) setTimeout(() => announce(shown.join(" ")), 400);

  // Parts of a page that update themselves (a report being made, an import being read):
  // <div data-live> holds the swapped element (htmx polls it while a job runs and stops when
  // none does, as the server then leaves out hx-trigger) and a pause button. Only changes of
  // state are announced: each [data-live-item] names its status and the words to say, and a
  // status that differs from the last one is read out once. Focus stays where it was.
  document.querySelectorAll("[data-live]").forEach((live) => {
    const pause = live.querySelector("[data-live-pause]");
    const swapped = () => live.querySelector("[data-live-swap]");
    const states = (root) => new Map(Array.from(root?.querySelectorAll("[data-live-item]") || []).map(
      (item) => [item.dataset.liveItem, item.dataset.liveStatus]));
    let before = states(swapped());
    const polling = () => Boolean(swapped()?.hasAttribute("hx-trigger"));
    const showPause = () => { if (pause) pause.closest("[data-live-controls]").hidden = !polling(); };
    showPause();
    if (pause) {
      pause.addEventListener("click", () => {
        const paused = pause.getAttribute("aria-pressed") !== "true";
        pause.setAttribute("aria-pressed", String(paused));
        live.dataset.livePaused = paused ? "true" : "false";
      });
    }
    live.addEventListener("htmx:beforeRequest", (event) => {
      if (live.dataset.livePaused === "true") event.preventDefault();
    });
    let focusKey = null;
    const keyOf = (element) => element.id ? `#${element.id}` :
      `${element.tagName}|${element.getAttribute("href") || ""}|${element.getAttribute("name") || ""}|${element.getAttribute("value") || ""}|${element.textContent.trim()}`;
    live.addEventListener("htmx:beforeSwap", () => {
      const active = document.activeElement;
      const current = swapped();
      focusKey = active && current && current.contains(active) ? keyOf(active) : null;
    });
    live.addEventListener("htmx:afterSettle", () => {
      const current = swapped();
      if (!current) return;
      const after = states(current);
      const changed = [];
      current.querySelectorAll("[data-live-item]").forEach((item) => {
        const previous = before.get(item.dataset.liveItem);
        if (previous !== undefined && previous !== item.dataset.liveStatus) changed.push(item.dataset.liveText);
      });
      before = after;
      if (changed.length) announce(changed.join(". "));
      showPause();
      if (focusKey) {
        const target = Array.from(current.querySelectorAll("a, button, input, select, textarea, [tabindex]"))
          .find((element) => keyOf(element) === focusKey);
        (target || live).focus({ preventScroll: true });
        focusKey = null;
      }
    });
  });

  // On a phone the main menu folds behind its button, so the page starts near the top.
  const toggle = document.querySelector(".menu-toggle");
  const menu = document.getElementById("main-menu");
  if (toggle && menu) {
    toggle.hidden = false;
    document.querySelector(".site-header")?.classList.add("has-menu-toggle");
    toggle.addEventListener("click", () => {
      const open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      menu.classList.toggle("is-open", open);
    });
  }
});
