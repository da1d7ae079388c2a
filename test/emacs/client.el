;;; client.el --- Emacs + eglot as a real LSP client of the Mailzone server  -*- lexical-binding: t; -*-
;;
;; Run by test/emacs/run.sh:
;;   MAILZONE_EMACS_INIT=init.el emacs --batch -Q -l test/emacs/client.el -- FILE
;; where init.el is the README's Emacs setup and `mailzone-language-server' is on PATH.
;;
;; Opens FILE in Emacs's built-in `dns-mode', starts the server through eglot
;; (Debian's elpa-eglot 1.9, which declares plain-text hovers and no snippet
;; support), and prints one line per diagnostic it receives:
;;   DIAG <line>:<col> <SEVERITY> <code> <message>      (1-based line and column)
;; then, for each check, PASS <name> or FAIL <name>: <why>, and finally DONE.
;; Every wait polls the event loop against a deadline; one timer bounds the run.

(require 'package)
;; `-Q' leaves Debian's ELPA folder off the load path: activate it by hand.
(unless (locate-library "eglot")
  (add-to-list 'package-directory-list (or (getenv "EGLOT_ELPA_DIR") "/usr/share/emacs/site-lisp/elpa"))
  (package-activate-all))
(require 'cl-lib)
(require 'subr-x)
(require 'eglot)

(defun mz-out (fmt &rest args)
  "Print a line on standard output (`message' goes to standard error in batch mode)."
  (princ (concat (apply #'format fmt args) "\n")))

(defvar mz-failed 0)
(defun mz-check (name ok &optional why)
  (if ok
      (mz-out "PASS %s" name)
    (setq mz-failed (1+ mz-failed))
    (mz-out "FAIL %s: %s" name why)))

(defvar mz-file (car (last command-line-args-left)))
(setq command-line-args-left nil)         ; Emacs must not visit the arguments itself
(defvar mz-timeout (string-to-number (or (getenv "MAILZONE_EMACS_TIMEOUT") "60")))
(unless (and mz-file (file-readable-p mz-file))
  (mz-out "FAIL start: needs a readable zone file after --")
  (mz-out "DONE")
  (kill-emacs 2))
(run-at-time mz-timeout nil (lambda () (mz-out "FAIL run: timed out after %ss" mz-timeout) (mz-out "DONE") (kill-emacs 3)))

(defun mz-wait (pred seconds)
  "Turn the event loop until PRED holds or SECONDS pass; return PRED's value."
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall pred)))

;;; Every publishDiagnostics, as it arrives, whatever Flymake does with it.
(defvar mz-published nil "(URI VERSION DIAGNOSTICS) lists, newest first.")
(cl-defmethod eglot-handle-notification :after
  (_server (_method (eql textDocument/publishDiagnostics)) &key uri version diagnostics &allow-other-keys)
  (push (list uri version diagnostics) mz-published))

;;; The setup the README shows, loaded from the README itself (run.sh extracts it), with
;;; `mailzone-language-server' on PATH: `dns-mode' for the zone file names, the server for `dns-mode' with the
;;; language id it expects, settings by section, and `eglot-ensure' from the mode hook.
(defvar mz-init (getenv "MAILZONE_EMACS_INIT"))
(unless (and mz-init (file-readable-p mz-init))
  (mz-out "FAIL start: MAILZONE_EMACS_INIT names no readable file") (mz-out "DONE") (kill-emacs 2))
(load mz-init nil t)
(require 'eglot)
;; Live DNS off as well, so that the run sends no packet.
(setq-default eglot-workspace-configuration
              (plist-put (copy-tree (default-value 'eglot-workspace-configuration)) :mailzone
                         (append '(:dns (:enabled :json-false)) (plist-get (default-value 'eglot-workspace-configuration) :mailzone))))
(setq eglot-sync-connect t eglot-connect-timeout 30 eglot-autoshutdown nil)

(find-file mz-file)                      ; in the selected window, so Flymake starts
(mz-check "the file opens in dns-mode" (derived-mode-p 'dns-mode) (format "%s" major-mode))
(defvar mz-uri (eglot--path-to-uri (expand-file-name buffer-file-name)))
;; `eglot-ensure' connects after the command that visited the file; in batch mode no command loop runs that hook.
(condition-case err
    (run-hooks 'post-command-hook)
  (error (mz-out "FAIL start: eglot: %s" (error-message-string err)) (mz-out "DONE") (kill-emacs 2)))
(unless (eglot-current-server)
  (mz-out "FAIL start: eglot-ensure did not connect the server") (mz-out "DONE") (kill-emacs 2))
(defvar mz-server-obj (eglot-current-server))
(defvar mz-process (jsonrpc--process mz-server-obj))

(defun mz-ours () (cl-remove-if-not (lambda (p) (equal (car p) mz-uri)) mz-published))

;;; Diagnostics: the first list, then a pause long enough for a second one to show if the server sent one.
(unless (mz-wait (lambda () (mz-ours)) 20)
  (mz-out "FAIL diagnostics: none published") (mz-out "DONE") (kill-emacs 1))
;; eglot sends workspace/didChangeConfiguration at start; the server analyses again and must not publish the same list.
(mz-wait (lambda () (> (length (mz-ours)) 1)) 1.5)
(let* ((first (car (last (mz-ours))))
       (severities '((1 . "ERROR") (2 . "WARNING") (3 . "INFO") (4 . "HINT"))))
  (dolist (d (append (nth 2 first) nil))
    (let ((start (plist-get (plist-get d :range) :start)))
      (mz-out "DIAG %d:%d %s %s %s" (1+ (plist-get start :line)) (1+ (plist-get start :character))
              (alist-get (plist-get d :severity) severities) (plist-get d :code) (plist-get d :message))))
  (mz-check "diagnostics are published once for the opened version"
            (= (length (mz-ours)) 1)
            (format "%d publications: %S" (length (mz-ours)) (mapcar (lambda (p) (length (nth 2 p))) (mz-ours))))
  (mz-check "no docs link, which eglot 1.9 does not declare"
            (cl-notany (lambda (d) (plist-member d :codeDescription)) (append (nth 2 first) nil)))
  (mz-check "Flymake shows every diagnostic"
            (mz-wait (lambda () (= (length (flymake-diagnostics)) (length (nth 2 first)))) 5)
            (format "%d in Flymake, %d published" (length (flymake-diagnostics)) (length (nth 2 first)))))

;;; What eglot declared, which the answers below must follow.
(let* ((caps (eglot-client-capabilities mz-server-obj))
       (text (plist-get caps :textDocument)))
  (mz-check "eglot declares plain-text hovers and no snippets (the premise of the next checks)"
            (and (equal (append (plist-get (plist-get text :hover) :contentFormat) nil) '("plaintext"))
                 (memq (plist-get (plist-get (plist-get text :completion) :completionItem) :snippetSupport) '(nil :json-false)))
            (format "%S" (list (plist-get text :hover) (plist-get text :completion)))))

;;; Hover: plain text, with none of the Markdown marks eglot would show raw.
(goto-char (point-min))
(if (not (search-forward "\"v=spf1 +all" nil t))
    (mz-check "hover in plain text" nil "no quoted v=spf1 +all in the file")
  (goto-char (- (point) 3))
  (let* ((res (jsonrpc-request mz-server-obj :textDocument/hover (eglot--TextDocumentPositionParams) :timeout 10))
         (contents (plist-get res :contents)))
    (mz-check "hover in plain text"
              (and (equal (plist-get contents :kind) "plaintext")
                   (string-match-p "all" (plist-get contents :value))
                   (not (string-match-p "\\*\\*\\|`\\|](" (plist-get contents :value))))
              (format "%S" contents))))

;;; Completion: type a DMARC record's empty string as a user would; the template comes as plain text.
(goto-char (point-max))
(insert "\n_dmarc.sub IN TXT \"\"\n")
(search-backward "\"\"")
(forward-char 1)
;; eglot sends the edit when Emacs is idle, or before its own requests; this request is sent directly, so send it now.
(eglot--signal-textDocument/didChange)
(let* ((res (jsonrpc-request mz-server-obj :textDocument/completion (eglot--TextDocumentPositionParams) :timeout 10))
       (items (append (if (vectorp res) res (plist-get res :items)) nil))
       (dmarc (cl-find "DMARC record" items :key (lambda (i) (plist-get i :label)) :test #'equal))
       (text (plist-get (plist-get dmarc :textEdit) :newText)))
  (mz-check "completion offers the DMARC template as plain text, not a snippet"
            (and dmarc (not (eql (plist-get dmarc :insertTextFormat) 2))
                 (string-prefix-p "v=DMARC1; p=none; rua=mailto:" text)
                 (cl-notany (lambda (i) (or (eql (plist-get i :insertTextFormat) 2)
                                            (string-match-p "\\${" (or (plist-get (plist-get i :textEdit) :newText) ""))))
                            items))
            (format "%S" (mapcar (lambda (i) (list (plist-get i :label) (plist-get i :insertTextFormat))) items)))
  ;; Insert it the way eglot does without yasnippet, then the server sees the new record.
  (when text
    (let ((before (length (mz-ours))))
      (insert text)
      (eglot--signal-textDocument/didChange)
      (mz-check "the inserted template is a record the server accepts"
                (mz-wait (lambda ()
                           (and (> (length (mz-ours)) before)
                                (let ((latest (nth 2 (car (mz-ours)))))
                                  ;; A literal ${1|...|} would be an invalid p= tag: an error on this line.
                                  (cl-notany (lambda (d) (and (equal (plist-get (plist-get (plist-get d :range) :start) :line)
                                                                     (1- (line-number-at-pos)))
                                                              (eql (plist-get d :severity) 1)))
                                             (append latest nil)))))
                         10)
                (format "line %d: %S" (line-number-at-pos) (nth 2 (car (mz-ours))))))))

;;; Shutdown: the shutdown request and the exit notification; the server must leave by itself, with status 0.
(set-buffer-modified-p nil)
(setf (eglot--shutdown-requested mz-server-obj) t)
(condition-case err
    (progn (jsonrpc-request mz-server-obj :shutdown nil :timeout 10)
           (jsonrpc-notify mz-server-obj :exit nil))
  (error (mz-out "FAIL shutdown request: %s" (error-message-string err))))
(mz-wait (lambda () (not (process-live-p mz-process))) 10)
(mz-check "the server exits by itself with status 0 after shutdown and exit"
          (and (not (process-live-p mz-process)) (eq (process-status mz-process) 'exit) (= (process-exit-status mz-process) 0))
          (format "%s %s" (process-status mz-process) (process-exit-status mz-process)))
(jsonrpc-shutdown mz-server-obj t)
(mz-out "DONE")
(kill-emacs (if (> mz-failed 0) 1 0))
;;; client.el ends here
