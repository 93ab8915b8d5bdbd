// Loaded before the page paints, so a chosen theme does not flash the other one first.
(function () {
  "use strict";
  try {
    const theme = localStorage.getItem("rapport-theme");
    if (theme === "dark" || theme === "light") document.documentElement.dataset.theme = theme;
  } catch (e) {
    // Storage may be off; the system theme applies.
  }
})();
