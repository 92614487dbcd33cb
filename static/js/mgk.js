// mgk: small progressive enhancements.  Every form and link works without this file.
(function () {
  "use strict";

  // Hints about what this script adds (Enter opens the first match, the meal keys) show
  // only when it runs: without it they would promise what the page cannot do.
  document.documentElement.classList.add("js");

  // First-login step: preselect the browser's time zone (the select still works without it).
  document.addEventListener("DOMContentLoaded", function () {
    var zone = document.querySelector("select[name=timezone][data-detect]");
    if (!zone || !window.Intl) return;
    var detected = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (detected && zone.querySelector('option[value="' + detected + '"]')) zone.value = detected;
  });

  function picks() {
    return Array.from(document.querySelectorAll("#food-results a.pick"));
  }

  // Said to screen readers by the live region, and shown for a few seconds where the
  // person is looking (a phone may be far below the top of the page, where notices sit).
  var toastTimer = null;
  function say(message) {
    var region = document.getElementById("announce");
    if (!region) return;
    region.textContent = "";
    window.setTimeout(function () { region.textContent = message; }, 50);
    var toast = document.getElementById("toast");
    if (!toast) return;
    toast.textContent = message;
    toast.classList.add("shown");
    window.clearTimeout(toastTimer);
    toastTimer = window.setTimeout(function () { toast.classList.remove("shown"); }, 5000);
  }

  // The control a person used inside the refreshed day body (a quick-add button, a copy
  // form's button) is a new element after the swap: find its twin, so focus and the view
  // stay where they were instead of falling to the top or the end of the page.
  var lastUsed = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var el = document.activeElement;
    if (!el || !document.getElementById("day-body") ||
        !document.getElementById("day-body").contains(el)) { lastUsed = null; return; }
    // A quick-add button's entry changes when its food is logged again: it names its
    // food in data-focus instead.
    var key = el.getAttribute("data-focus");
    lastUsed = key ? '[data-focus="' + CSS.escape(key) + '"]'
      : el.id ? "#" + CSS.escape(el.id)
      : el.name ? el.tagName.toLowerCase() + '[name="' + CSS.escape(el.name) + '"]' +
        (el.value ? '[value="' + CSS.escape(el.value) + '"]' : "")
      : null;
  });

  // After an entry is saved, its edit cancelled or it is deleted, focus goes to that entry
  // (or, once deleted, to its neighbour) instead of the top of the page: worked out
  // before the request, since the swap replaces the row.
  var focusEntry = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail.elt;
    var row = elt && elt.closest && elt.closest("li.entry");
    // A request from outside the entries (a search, the add form's numbers) leaves the
    // focus plan alone: it may run between an entry's Save and its answer.
    if (!row || !row.id) return;
    if (row.classList.contains("editing")) {
      focusEntry = { id: row.id };  // Save or Cancel: the same entry
    } else if (elt.tagName === "FORM" && !elt.hasAttribute("hx-get")) {
      // Delete: the next entry of the meal, else the one before, else its Undo.
      var next = row.nextElementSibling || row.previousElementSibling;
      focusEntry = { id: next ? next.id : null };
    } else {
      focusEntry = null;
    }
  });

  function focusChangedEntry() {
    var wanted = focusEntry;
    focusEntry = null;
    if (!wanted) return false;
    var row = wanted.id && document.getElementById(wanted.id);
    // With no entry left beside it, the deleted entry's Undo.
    var target = row && row.querySelector("[data-edit]") || document.querySelector("[data-undo]") ||
      document.getElementById("food-search");
    if (!target) return false;
    target.focus();
    return true;
  }

  // Escape in an entry's edit form cancels it (its Cancel link, which works without this).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !event.target.closest) return;
    var row = event.target.closest("li.entry.editing");
    var cancel = row && row.querySelector("[data-cancel]");
    if (!cancel) return;
    event.preventDefault();
    cancel.click();
  });

  // Focus the amount of the add form: a field with an error first, else the one the server
  // marked (how many of a portion, or the grams).
  function focusAmount() {
    var form = document.getElementById("add-form");
    var field = form && (form.querySelector("[aria-invalid=true]") ||
      form.querySelector("[autofocus]") || form.querySelector("input[name=amount]"));
    if (field) { field.focus(); if (field.select) field.select(); }
  }

  // Enter in the search box opens the first match of what is typed now.  The results on
  // the page may be for fewer letters (typed faster than they came) or not there yet; then
  // the server picks the first match itself and sends the add form, and the results out of
  // band.  Without htmx the form is a plain GET to the results page.
  function openFirst(form) {
    var search = document.getElementById("food-search");
    var query = search.value.trim().slice(0, 100);
    if (!query) return;
    var results = document.getElementById("food-results");
    var list = picks();
    if (list.length && results && results.getAttribute("data-query") === query) {
      list[0].click();
      return;
    }
    var url = form.getAttribute("action") + "?" + new URLSearchParams({ q: query, pick: "first" });
    window.htmx.ajax("GET", url, { target: "#add-form", swap: "outerHTML" }).then(focusAmount);
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!window.htmx || !form.classList.contains("food-search")) return;
    event.preventDefault();  // no page load: the search button too opens the first match
    openFirst(form);
  });

  // The meal keys shown under the add form (B breakfast, L lunch...): one key sets the meal
  // while focus is anywhere in the form except where letters are typed.  The unit list
  // gives up its type-ahead for them: a person whose focus sits on the portion list means
  // the meal (a salmon once went into Lunch instead of Dinner), and arrows still pick.
  function takesLetters(el) {
    if (el.isContentEditable || el.tagName === "TEXTAREA") return true;
    if (el.tagName === "INPUT") return el.type !== "number";  // a date can take month names
    return false;
  }

  function mealKey(event) {
    if (event.ctrlKey || event.altKey || event.metaKey || !event.key || event.key.length !== 1) {
      return false;
    }
    var form = event.target.closest && event.target.closest("#add-form form");
    if (!form || takesLetters(event.target)) return false;
    var hint = form.querySelector('[data-meal-key="' + event.key.toUpperCase() + '"]');
    var select = form.querySelector("select[name=meal]");
    if (!hint || !select) return false;
    event.preventDefault();
    select.value = hint.getAttribute("data-meal");
    say("Meal: " + select.options[select.selectedIndex].text + ".");
    return true;
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (mealKey(event)) return;
    if (target.id === "food-search") {
      var list = picks();
      if (event.key === "ArrowDown" && list.length) {
        event.preventDefault();
        list[0].focus();
      } else if (event.key === "Enter" && window.htmx) {
        event.preventDefault();
        openFirst(target.form);
      }
    } else if (target.classList && target.classList.contains("pick")) {
      // Up/Down move through the results; Enter follows the highlighted one (htmx loads
      // its add form).
      var all = picks();
      var i = all.indexOf(target);
      if (event.key === "ArrowDown") {
        event.preventDefault();
        all[Math.min(i + 1, all.length - 1)].focus();
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (i === 0) document.getElementById("food-search").focus();
        else all[i - 1].focus();
      }
    } else if (event.key === "Enter" && target.tagName === "SELECT" &&
               target.closest(".entry-form")) {
      // A select keeps Enter to itself; in the add and edit forms Enter saves, as it does
      // in their number fields.
      event.preventDefault();
      target.form.requestSubmit();
    }
  });

  // What a change did, said once to screen readers (the server sends it with the swap).
  document.addEventListener("announce", function (event) {
    if (event.detail && event.detail.message) say(event.detail.message);
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    // The add form's numbers refreshed while the person types: focus stays where it is.
    if (event.detail.elt && event.detail.elt.id === "add-preview") return;
    var config = event.detail.requestConfig || {};
    var trigger = config.elt;
    var addForm = document.getElementById("add-form");
    if (addForm && addForm.contains(event.detail.elt) || event.detail.elt === addForm ||
        trigger && trigger.classList && trigger.classList.contains("pick")) {
      // A food was picked (or its form came back with errors): focus the amount.
      focusAmount();
      return;
    }
    if (event.detail.elt.classList && event.detail.elt.classList.contains("editing")) {
      // An entry's edit form opened: the amount, selected, so a number replaces it.
      var amount = event.detail.elt.querySelector("input[name=amount]");
      if (amount) { amount.focus(); amount.select(); }
      return;
    }
    var body = document.getElementById("day-body");
    if (!body || !body.contains(event.detail.elt) && event.detail.elt !== body) return;
    if (focusChangedEntry()) return;
    if (trigger && trigger.hasAttribute && trigger.hasAttribute("data-added-form")) {
      // Logged: clear the add form and get ready for the next food.
      document.getElementById("add-form").innerHTML = "";
      var results = document.getElementById("food-results");
      results.innerHTML = "";
      results.setAttribute("data-query", "");
      var search = document.getElementById("food-search");
      search.value = "";
      search.focus();
      return;
    }
    var undo = body.querySelector("[data-undo]");
    if (undo) undo.focus();
  });

  // After any swap: if focus fell to the page (its element was replaced), put it on the
  // twin of the control that was used, which also keeps the view where it was.
  document.addEventListener("htmx:afterSettle", function () {
    var used = lastUsed;
    if (!used) return;
    // After every part of the response (out-of-band ones too) has settled.
    window.setTimeout(function () {
      var again = document.querySelector(used);
      if (again && (document.activeElement === document.body || !document.activeElement)) {
        again.focus();
      }
    }, 0);
  });

  // Import: the upload's progress on the bar (without this the bar runs indeterminate,
  // which is also right while the server reads the file).
  document.addEventListener("htmx:xhr:progress", function (event) {
    var bar = document.getElementById("import-bar");
    if (!bar || !event.detail.lengthComputable) return;
    if (event.detail.loaded >= event.detail.total) { bar.removeAttribute("value"); return; }
    bar.max = event.detail.total;
    bar.value = event.detail.loaded;
  });
})();
