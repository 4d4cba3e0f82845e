/* The sending page polls its progress until the sending is done. */
(function () {
    var box = document.getElementById("send-progress");
    if (!box || box.dataset.total === "0" || box.dataset.done === "1") return;
    function poll() {
        fetch(box.dataset.progressUrl, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (data) {
            ["sent", "failed", "remaining"].forEach(function (key) {
                box.querySelector('[data-count="' + key + '"]').textContent = data[key];
            });
            if (!data.done) setTimeout(poll, 2000);
        });
    }
    setTimeout(poll, 1000);
})();
