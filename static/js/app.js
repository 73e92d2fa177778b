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
  document.querySelectorAll(".table-wrap, .consent-text, .scroll-box").forEach((box) => {
    if (box.scrollWidth <= box.clientWidth + 1 && box.scrollHeight <= box.clientHeight + 1) return;
    if (!box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
    // Named after the table's caption; without one the box is focusable but no landmark
    // (its section already names it).
    const caption = box.querySelector("caption");
    if (caption && !box.hasAttribute("role")) {
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", caption.textContent.trim());
    }
  });

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
