/* <input name="q" data-autocomplete="/api/search/suggest/?lang=fr">: an ARIA 1.2 combobox, a
 * listbox of links to pages whose title starts with what is typed (else a plain GET form). The
 * language: lang= in that URL, else data-autocomplete-lang, else <html lang>. */
(function () {
  "use strict";
  var MIN_LENGTH = 2, DELAY = 200, count = 0;

  function set(element, attributes) {
    for (var name in attributes) element.setAttribute(name, attributes[name]);
    return element;
  }

  function enhance(input) {
    var data = input.dataset, url = data.autocomplete, id = "autocomplete-" + (++count);
    var lang = data.autocompleteLang || document.documentElement.lang || "fr";
    var list = set(document.createElement("ul"), {id: id, role: "listbox", "class": "autocomplete__list"});
    var options = [], active = -1, timer = null, controller = null, shown = "";

    list.hidden = true;
    set(input, {role: "combobox", "aria-autocomplete": "list", "aria-expanded": "false",
      "aria-controls": id, autocomplete: "off"});
    input.insertAdjacentElement("afterend", list);
    input.parentNode.classList.add("autocomplete");

    function select(index) {
      if (options[active]) options[active].setAttribute("aria-selected", "false");
      active = index;
      if (options[active]) {
        options[active].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[active].id);
        options[active].scrollIntoView({block: "nearest"});
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function toggle(opened) {
      if (!opened) select(-1);
      list.hidden = !opened;
      input.setAttribute("aria-expanded", String(opened));
    }

    function show(query, suggestions) {
      shown = query;
      select(-1);
      list.textContent = "";
      options = suggestions.map(function (suggestion, index) {
        var item = set(document.createElement("li"), {role: "none"});
        var option = item.appendChild(set(document.createElement("a"), {id: id + "-" + index, role: "option",
          "class": "autocomplete__option", "aria-selected": "false", "data-type": suggestion.type}));
        option.href = suggestion.url;
        option.tabIndex = -1;
        option.textContent = suggestion.title;
        list.appendChild(item);
        return option;
      });
      toggle(options.length > 0 && document.activeElement === input);
    }

    function suggest() {
      var query = input.value.trim();
      if (query === shown) return toggle(options.length > 0);
      if (query.length < MIN_LENGTH) return show(query, []);
      if (controller) controller.abort();
      controller = new AbortController();
      var address = new URL(url, window.location.href), params = address.searchParams;
      params.set("q", query);
      if (!params.has("lang")) params.set("lang", lang);
      fetch(address, {headers: {Accept: "application/json"}, signal: controller.signal})
        .then(function (response) { return response.ok ? response.json() : {}; })
        .then(function (body) {
          if (input.value.trim() === query) show(query, body.suggestions || []);
        })
        .catch(function () {}); // aborted, offline: the form works
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(suggest, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      var key = event.key, last = options.length - 1;
      if (event.isComposing) return;
      if ((key === "ArrowDown" || key === "ArrowUp") && options.length) {
        event.preventDefault();
        if (list.hidden) {
          toggle(true);
          if (event.altKey) return;
        }
        select(key === "ArrowDown" ? (active >= last ? 0 : active + 1) : (active <= 0 ? last : active - 1));
      } else if (key === "Enter" && options[active]) {
        event.preventDefault();
        window.location.assign(options[active].href);
      } else if (key === "Escape" && !list.hidden) {
        event.preventDefault();
        toggle(false);
      }
    });
    input.addEventListener("blur", function () { toggle(false); });
    input.addEventListener("focus", function () { toggle(options.length > 0 && input.value.trim() === shown); });
    // Keep the focus until a clicked link is followed.
    list.addEventListener("mousedown", function (event) { event.preventDefault(); });
  }

  function start() {
    var inputs = document.querySelectorAll('input[name="q"][data-autocomplete]');
    for (var i = 0; i < inputs.length; i++) {
      if (window.fetch && window.AbortController && !inputs[i].hasAttribute("role")) enhance(inputs[i]);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
