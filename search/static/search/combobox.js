// The header search box as an ARIA 1.2 combobox: suggestions from the second
// letter (/api/v1/search/suggest), Up/Down to move, Enter to go, Escape to close.
// Without this script the form stays a plain GET form to the search page.
(function () {
    "use strict";
    var form = document.querySelector("form.site-search[data-suggest-url]");
    if (!form) { return; }
    var input = form.querySelector("input[name=q]");
    var listbox = document.getElementById(input.getAttribute("aria-controls"));
    var status = document.getElementById("site-search-status");
    if (!input || !listbox || !status) { return; }
    var lang = document.documentElement.lang || "fr";
    var options = [];
    var active = -1;
    var timer = null;
    var asked = 0;

    function countText(n) {
        if (n === 0) { return form.dataset.suggestNone; }
        if (n === 1) { return form.dataset.suggestOne; }
        return form.dataset.suggestMany.replace("%(count)s", String(n));
    }

    function close() {
        listbox.hidden = true;
        input.setAttribute("aria-expanded", "false");
        input.removeAttribute("aria-activedescendant");
        active = -1;
    }

    function select(index) {
        options.forEach(function (option, i) {
            option.setAttribute("aria-selected", i === index ? "true" : "false");
        });
        active = index;
        if (index >= 0) {
            input.setAttribute("aria-activedescendant", options[index].id);
            options[index].scrollIntoView({block: "nearest"});
        } else {
            input.removeAttribute("aria-activedescendant");
        }
    }

    function show(suggestions) {
        listbox.textContent = "";
        options = suggestions.map(function (suggestion, i) {
            var option = document.createElement("li");
            option.id = "site-search-option-" + i;
            option.setAttribute("role", "option");
            option.setAttribute("aria-selected", "false");
            option.dataset.url = suggestion.url;
            option.textContent = suggestion.title;
            var kind = form.getAttribute("data-kind-" + suggestion.type);
            if (kind) {
                var label = document.createElement("span");
                label.className = "site-search__kind";
                label.textContent = " — " + kind;
                option.appendChild(label);
            }
            option.addEventListener("mousedown", function (event) { event.preventDefault(); });
            option.addEventListener("click", function () { window.location.assign(suggestion.url); });
            listbox.appendChild(option);
            return option;
        });
        active = -1;
        input.removeAttribute("aria-activedescendant");
        status.textContent = countText(options.length);
        if (options.length) {
            listbox.hidden = false;
            input.setAttribute("aria-expanded", "true");
        } else {
            close();
        }
    }

    function ask() {
        var query = input.value.trim();
        if (query.length < 2) { close(); status.textContent = ""; return; }
        var ticket = ++asked;
        var url = form.dataset.suggestUrl + "?lang=" + encodeURIComponent(lang) + "&q=" + encodeURIComponent(query);
        fetch(url, {headers: {"Accept": "application/json"}})
            .then(function (response) { return response.ok ? response.json() : {suggestions: []}; })
            .then(function (data) { if (ticket === asked) { show(data.suggestions || []); } })
            .catch(function () { if (ticket === asked) { close(); } });
    }

    input.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(ask, 150);
    });
    input.addEventListener("keydown", function (event) {
        var open = !listbox.hidden && options.length > 0;
        if (event.key === "ArrowDown") {
            event.preventDefault();
            if (!open) { if (options.length) { listbox.hidden = false; input.setAttribute("aria-expanded", "true"); } else { ask(); } return; }
            select(active + 1 >= options.length ? 0 : active + 1);
        } else if (event.key === "ArrowUp") {
            if (!open) { return; }
            event.preventDefault();
            select(active <= 0 ? options.length - 1 : active - 1);
        } else if (event.key === "Enter") {
            if (open && active >= 0) {
                event.preventDefault();
                window.location.assign(options[active].dataset.url);
            }
        } else if (event.key === "Escape") {
            if (open) { event.preventDefault(); close(); }
            else { input.value = ""; }
        }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
})();
