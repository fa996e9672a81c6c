// Warns before leaving a page whose form (data-warn-unsaved) has entries not yet saved: following a link, pressing
// another form's button (a process step, the report upload) or closing the tab would otherwise discard them.
// Loaded as a file, not inline, so it runs under a strict Content-Security-Policy.
(function () {
    'use strict';
    var forms = document.querySelectorAll('form[data-warn-unsaved]');
    if (forms.length === 0) {
        return;
    }
    var dirty = false;
    var saving = false;

    function show() {
        document.querySelectorAll('[data-unsaved-notice]').forEach(function (el) {
            el.classList.toggle('d-none', !dirty);
        });
    }

    forms.forEach(function (form) {
        var mark = function () { dirty = true; show(); };
        form.addEventListener('input', mark);
        form.addEventListener('change', mark);
        form.addEventListener('submit', function () { saving = true; });
    });

    // Another form on the page (a process step, the report upload): ask first, and stay if the user says no.
    document.querySelectorAll('form:not([data-warn-unsaved])').forEach(function (other) {
        other.addEventListener('submit', function (event) {
            if (dirty && !saving && !window.confirm('评估记录有未保存的修改，离开本页将丢失这些修改。确定继续吗？')) {
                event.preventDefault();
                return;
            }
            saving = true;
        });
    });

    window.addEventListener('beforeunload', function (event) {
        if (dirty && !saving) {
            event.preventDefault();
            event.returnValue = '';
        }
    });
})();
