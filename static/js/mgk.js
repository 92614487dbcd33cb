// mgk: small progressive enhancements.  Every form and link works without this file.
(function () {
  "use strict";

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

  // Keyboard: in the search box, Down moves into the results and Enter picks the first;
  // in the results, Up/Down move and Enter follows the link (htmx loads the add form).
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (target.id === "food-search") {
      var list = picks();
      if (event.key === "ArrowDown" && list.length) {
        event.preventDefault();
        list[0].focus();
      } else if (event.key === "Enter" && list.length) {
        event.preventDefault();
        list[0].click();
      }
    } else if (target.classList && target.classList.contains("pick")) {
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
    }
  });

  // What a change did, said once to screen readers (the server sends it with the swap).
  document.addEventListener("announce", function (event) {
    var region = document.getElementById("announce");
    if (region && event.detail && event.detail.message) {
      region.textContent = "";
      window.setTimeout(function () { region.textContent = event.detail.message; }, 50);
    }
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var config = event.detail.requestConfig || {};
    var trigger = config.elt;
    var addForm = document.getElementById("add-form");
    if (addForm && addForm.contains(event.detail.elt) || event.detail.elt === addForm ||
        trigger && trigger.classList && trigger.classList.contains("pick")) {
      // A food was picked (or its form came back with errors): focus the amount.
      var form = document.getElementById("add-form");
      var field = form && (form.querySelector("[aria-invalid=true]") ||
        form.querySelector("input[name=quantity]"));
      if (field) { field.focus(); if (field.select) field.select(); }
      return;
    }
    var body = document.getElementById("day-body");
    if (!body || !body.contains(event.detail.elt) && event.detail.elt !== body) return;
    if (trigger && trigger.hasAttribute && trigger.hasAttribute("data-added-form")) {
      // Logged: clear the add form and get ready for the next food.
      document.getElementById("add-form").innerHTML = "";
      document.getElementById("food-results").innerHTML = "";
      var search = document.getElementById("food-search");
      search.value = "";
      search.focus();
      return;
    }
    var undo = body.querySelector("[data-undo]");
    if (undo) undo.focus();
  });
})();
