// Page behaviour wired by data- attributes: the Content-Security-Policy (script-src 'self') refuses inline
// scripts and on…= handlers, so every view asks for behaviour here instead.
(function () {
    'use strict';

    // <select data-autosubmit [data-autosubmit-clear="field"]>: choosing submits the form, first emptying the
    // named field (e.g. the batch when the year changes, since the old batch belongs to the old year).
    document.querySelectorAll('select[data-autosubmit]').forEach(function (select) {
        select.addEventListener('change', function () {
            var form = select.form;
            var clear = select.dataset.autosubmitClear;
            if (clear && form.elements[clear]) {
                form.elements[clear].value = '';
            }
            form.submit();
        });
    });

    // <a data-history-back href="fallback">: back to the previous page, or the fallback when there is none.
    document.querySelectorAll('a[data-history-back]').forEach(function (link) {
        link.addEventListener('click', function (e) {
            if (window.history.length > 1) {
                e.preventDefault();
                window.history.back();
            }
        });
    });

    // <form data-confirm="question">: the browser asks before the form is sent (a removal, a withdrawal).
    document.querySelectorAll('form[data-confirm]').forEach(function (form) {
        form.addEventListener('submit', function (e) {
            if (!window.confirm(form.dataset.confirm)) {
                e.preventDefault();
            }
        });
    });

    // <select data-kind-switch="#form">: show only the form's <fieldset data-kinds="A B"> listing the chosen kind;
    // the server ignores the other fields anyway.
    document.querySelectorAll('select[data-kind-switch]').forEach(function (kind) {
        var form = document.querySelector(kind.dataset.kindSwitch);
        function sync() {
            form.querySelectorAll('fieldset[data-kinds]').forEach(function (f) {
                f.hidden = !f.dataset.kinds.split(' ').includes(kind.value);
            });
        }
        kind.addEventListener('change', sync);
        sync();
    });
})();
