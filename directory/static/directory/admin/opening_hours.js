// The admin's opening-hours widget (directory/widgets.py:OpeningHoursWidget).
// The text input is the value that is saved; the weekly grid rewrites it in the
// OpenStreetMap syntax on every change (gridToText mirrors
// places/hours_grid.py:grid_to_text, the reference), and the preview shows the
// hours in words as the server reads them. Plain DOM, no inline script.
(function () {
  "use strict";

  var CODES = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
  var DEBOUNCE_MS = 300;

  function spansText(spans) {
    return spans
      .slice()
      .sort(function (a, b) {
        return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
      })
      .map(function (span) {
        return span[0] + "-" + (span[1] === "00:00" ? "24:00" : span[1]);
      })
      .join(",");
  }

  function daysText(first, last) {
    return first === last ? CODES[first] : CODES[first] + "-" + CODES[last];
  }

  function gridToText(grid) {
    var groups = [];
    grid.days.forEach(function (spans, day) {
      var text = spansText(spans);
      var last = groups[groups.length - 1];
      if (last && last.last === day - 1 && last.text === text) {
        last.last = day;
      } else if (text) {
        groups.push({ first: day, last: day, text: text });
      }
    });
    var rules = groups.map(function (group) {
      return daysText(group.first, group.last) + " " + group.text;
    });
    if (grid.holidays === "special" && grid.holiday_spans.length) {
      rules.push("PH " + spansText(grid.holiday_spans));
    } else if (grid.holidays === "same") {
      rules = rules.concat(
        rules.map(function (rule) {
          return "PH " + rule;
        })
      );
    } else if (rules.length) {
      rules.push("PH off");
    }
    return rules.join("; ");
  }

  // -- the ranges of one day (or of public holidays) ------------------------

  function rangesOf(box) {
    return Array.prototype.slice.call(box.querySelectorAll("[data-range]"));
  }

  function readRanges(box) {
    var spans = [];
    rangesOf(box).forEach(function (range) {
      var from = range.querySelector("[data-from]").value;
      var to = range.querySelector("[data-to]").value;
      // Incomplete ranges are not written until both times are there.
      if (!range.hidden && from && to) {
        spans.push([from.slice(0, 5), to.slice(0, 5)]);
      }
    });
    return spans;
  }

  function refreshControls(box) {
    var shown = rangesOf(box).filter(function (range) {
      return !range.hidden;
    }).length;
    box.querySelector("[data-closed-label]").hidden = shown > 0;
    box.querySelector("[data-add]").hidden = shown === rangesOf(box).length;
    box.querySelector("[data-close]").hidden = shown === 0;
  }

  function fillRanges(box, spans) {
    rangesOf(box).forEach(function (range, index) {
      var span = spans[index];
      range.querySelector("[data-from]").value = span ? span[0] : "";
      range.querySelector("[data-to]").value = span ? span[1] : "";
      range.hidden = !span;
    });
    refreshControls(box);
  }

  function clearRange(range) {
    range.querySelector("[data-from]").value = "";
    range.querySelector("[data-to]").value = "";
    range.hidden = true;
  }

  // -- one widget -----------------------------------------------------------

  function setUp(widget) {
    var input = widget.querySelector("input.opening-hours-widget__text");
    var fieldset = widget.querySelector("[data-grid]");
    var note = widget.querySelector("[data-grid-note]");
    var dayBoxes = Array.prototype.slice
      .call(widget.querySelectorAll("tr[data-day]"))
      .map(function (row) {
        return row.querySelector("[data-ranges]");
      });
    var holidays = widget.querySelector("[data-holidays]");
    var holidayRanges = widget.querySelector("[data-holiday-ranges]");
    var holidayBox = holidayRanges.querySelector("[data-ranges]");
    var errorBox = widget.querySelector("[data-preview-error]");
    var lines = widget.querySelector("[data-preview-lines]");
    var previewUrl = widget.getAttribute("data-preview-url");
    var dataElement = document.getElementById(widget.getAttribute("data-grid-id"));
    var timer = null;
    var sequence = 0;

    function showGrid(grid) {
      fieldset.disabled = !grid;
      note.hidden = Boolean(grid);
      if (!grid) {
        dayBoxes.concat([holidayBox]).forEach(refreshControls);
        return;
      }
      dayBoxes.forEach(function (box, day) {
        fillRanges(box, grid.days[day] || []);
      });
      holidays.value = grid.holidays;
      fillRanges(holidayBox, grid.holiday_spans || []);
      holidayRanges.hidden = grid.holidays !== "special";
    }

    function readGrid() {
      return {
        days: dayBoxes.map(readRanges),
        holidays: holidays.value,
        holiday_spans: holidays.value === "special" ? readRanges(holidayBox) : [],
      };
    }

    function showPreview(data) {
      errorBox.textContent = data.error || "";
      errorBox.hidden = Boolean(data.valid);
      lines.textContent = "";
      (data.lines || []).forEach(function (line) {
        var item = document.createElement("li");
        item.textContent = line;
        lines.appendChild(item);
      });
    }

    function requestPreview(fromText) {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var mine = ++sequence;
        var url = previewUrl + "?value=" + encodeURIComponent(input.value);
        fetch(url, {
          credentials: "same-origin",
          headers: { "X-Requested-With": "XMLHttpRequest", Accept: "application/json" },
        })
          .then(function (response) {
            return response.ok ? response.json() : null;
          })
          .then(function (data) {
            if (!data || mine !== sequence) {
              return;
            }
            showPreview(data);
            // Typed text: the grid follows it (or is disabled when it cannot).
            if (fromText) {
              showGrid(data.grid);
            }
          })
          .catch(function () {});
      }, DEBOUNCE_MS);
    }

    function gridChanged() {
      holidayRanges.hidden = holidays.value !== "special";
      var text = gridToText(readGrid());
      if (text !== input.value) {
        input.value = text;
        // For Wagtail's unsaved-changes check; the widget itself listens to "input".
        input.dispatchEvent(new Event("change", { bubbles: true }));
        requestPreview(false);
      }
    }

    function onClick(event) {
      var button = event.target.closest("button");
      if (!button || fieldset.disabled) {
        return;
      }
      var box = button.closest("[data-ranges]");
      if (button.hasAttribute("data-add")) {
        var next = rangesOf(box).filter(function (range) {
          return range.hidden;
        })[0];
        if (next) {
          next.hidden = false;
          next.querySelector("[data-from]").focus();
        }
      } else if (button.hasAttribute("data-remove")) {
        clearRange(button.closest("[data-range]"));
        box.querySelector("[data-add]").hidden = false;
        box.querySelector("[data-add]").focus();
      } else if (button.hasAttribute("data-close")) {
        rangesOf(box).forEach(clearRange);
        box.querySelector("[data-add]").hidden = false;
        box.querySelector("[data-add]").focus();
      } else {
        return;
      }
      refreshControls(box);
      gridChanged();
    }

    fieldset.addEventListener("click", onClick);
    fieldset.addEventListener("input", gridChanged);
    fieldset.addEventListener("change", gridChanged);
    input.addEventListener("input", function () {
      requestPreview(true);
    });

    showGrid(dataElement ? JSON.parse(dataElement.textContent) : null);
    fieldset.hidden = false;
  }

  function setUpAll() {
    document.querySelectorAll("[data-opening-hours-widget]").forEach(function (widget) {
      if (!widget.hasAttribute("data-ready")) {
        widget.setAttribute("data-ready", "");
        setUp(widget);
      }
    });
  }

  window.portalOpeningHours = { gridToText: gridToText };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
