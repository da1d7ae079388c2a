-- Headless Neovim (0.7+) as a real LSP client of the standalone Mailzone server.
--
-- Run by test/nvim/run.sh:
--   MAILZONE_SERVER=dist/server.js nvim --headless --clean -c "luafile test/nvim/client.lua" FILE
--
-- It attaches the server to the buffer, waits for the first diagnostics, and
-- prints one line per diagnostic:
--   DIAG <line>:<col> <SEVERITY> <code> <message>      (1-based line and column)
-- then runs every check in CHECKS and prints, for each,
--   PASS <name>     or     FAIL <name>: <why>
-- and finally "DONE". To add a check (hover, completion, ...), append to CHECKS
-- a { name = ..., run = function(ctx) ... end } entry: return true, or false
-- and a reason. `ctx` has bufnr, client (the vim.lsp client), diagnostics, and
-- request(method, params) which sends a request and returns its result or nil
-- and an error.

local server = assert(vim.env.MAILZONE_SERVER, 'MAILZONE_SERVER is not set')
local timeout_ms = tonumber(vim.env.MAILZONE_NVIM_TIMEOUT_MS or '15000')
local docs_base = 'https://github.com/mailzone/mailzone/blob/main/docs/rules/'

local function out(s)
  io.stdout:write(s .. '\n')
end

-- The settings the server pulls with workspace/configuration. zone-syntax is
-- lowered to a warning so that a check can see the settings arrive.
local settings = { mailzone = { rules = { ['zone-syntax'] = 'warning' } } }

local bufnr = vim.api.nvim_get_current_buf()
local published = 0
local orig = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  orig(err, result, ctx, config)
  if result and result.uri == vim.uri_from_bufnr(bufnr) then
    published = published + 1
  end
end

local client_id = vim.lsp.start_client({
  name = 'mailzone',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.getcwd(),
  settings = settings,
  init_options = { trusted = true },
  -- Neovim 0.7 neither advertises workspace/configuration nor sends settings
  -- by itself; like nvim-lspconfig, push them once the server is up.
  on_init = function(client)
    client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
  end,
})
local function finish(code)
  if client_id then
    vim.lsp.stop_client(client_id)
  end
  vim.wait(5000, function()
    return vim.lsp.get_client_by_id(client_id) == nil
  end, 20)
  out('DONE')
  if code == 0 then
    vim.cmd('qall!')
  else
    vim.cmd('cquit ' .. code)
  end
end

if not client_id then
  out('FAIL start: vim.lsp.start_client returned nil')
  out('DONE')
  vim.cmd('cquit 2')
  return
end
vim.lsp.buf_attach_client(bufnr, client_id)

if not vim.wait(timeout_ms, function()
  return published > 0
end, 20) then
  out('FAIL diagnostics: none published within ' .. timeout_ms .. ' ms')
  finish(1)
  return
end

local severity_names = { 'ERROR', 'WARN', 'INFO', 'HINT' }

--- What Neovim kept of the LSP diagnostic (0.7: code and codeDescription in user_data.lsp).
local function lsp_of(d)
  return (d.user_data and d.user_data.lsp) or {}
end

local function code_of(d)
  return d.code or lsp_of(d).code
end

local diagnostics = vim.diagnostic.get(bufnr)
table.sort(diagnostics, function(a, b)
  if a.lnum ~= b.lnum then
    return a.lnum < b.lnum
  end
  return a.col < b.col
end)
for _, d in ipairs(diagnostics) do
  out(string.format('DIAG %d:%d %s %s %s', d.lnum + 1, d.col + 1, severity_names[d.severity] or '?',
    tostring(code_of(d)), (d.message:gsub('\n', ' '))))
end

local client = vim.lsp.get_client_by_id(client_id)
local ctx = {
  bufnr = bufnr,
  client = client,
  diagnostics = diagnostics,
  request = function(method, params)
    local responses = vim.lsp.buf_request_sync(bufnr, method, params, timeout_ms)
    if not responses then
      return nil, 'no response within ' .. timeout_ms .. ' ms'
    end
    local response = responses[client_id]
    if not response then
      return nil, 'no response from mailzone'
    end
    if response.err then
      return nil, vim.inspect(response.err)
    end
    return response.result
  end,
}

--- The 0-based row of the first buffer line matching a Lua pattern, and the column where it matches.
local function find_line(buf, pattern)
  for row, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local col = line:find(pattern)
    if col then
      return row - 1, col - 1
    end
  end
end

local CHECKS = {
  {
    name = 'server announces itself',
    run = function(c)
      local info = c.client.server_capabilities and c.client.server_capabilities.codeActionProvider
      if not info then
        return false, 'no codeActionProvider in ' .. vim.inspect(c.client.server_capabilities)
      end
      return true
    end,
  },
  {
    -- The server sends the docs link only to a client that declares codeDescriptionSupport; Neovim 0.7 does not.
    name = 'every diagnostic has source mailzone, and a docs link exactly when Neovim declares support for it',
    run = function(c)
      if #c.diagnostics == 0 then
        return false, 'no diagnostics'
      end
      local declared = vim.lsp.protocol.make_client_capabilities().textDocument.publishDiagnostics.codeDescriptionSupport == true
      for _, d in ipairs(c.diagnostics) do
        local href = lsp_of(d).codeDescription and lsp_of(d).codeDescription.href
        if d.source ~= 'mailzone' then
          return false, 'source ' .. tostring(d.source)
        end
        local want = declared and (docs_base .. tostring(code_of(d)) .. '.md') or nil
        if href ~= want then
          return false, 'href ' .. tostring(href) .. ' for ' .. tostring(code_of(d)) .. ' (declared: ' .. tostring(declared) .. ')'
        end
      end
      return true
    end,
  },
  {
    name = 'settings from the client reach the server',
    run = function(c)
      -- The settings and the document travel separately; poll until the
      -- diagnostics reflect them (or time out).
      local last = 'no zone-syntax diagnostic'
      local ok = vim.wait(timeout_ms, function()
        local seen = 0
        for _, d in ipairs(vim.diagnostic.get(c.bufnr)) do
          if code_of(d) == 'zone-syntax' then
            seen = seen + 1
            if d.severity ~= vim.diagnostic.severity.WARN then
              last = 'zone-syntax has severity ' .. tostring(severity_names[d.severity])
              return false
            end
          end
        end
        return seen > 0
      end, 20)
      return ok, last
    end,
  },
  {
    name = 'hover explains a record type',
    run = function(c)
      local row, col = find_line(c.bufnr, '^ns1%s+IN A')
      if not row then
        return false, 'no ns1 A line in the fixture'
      end
      local result, err = c.request('textDocument/hover', {
        textDocument = { uri = vim.uri_from_bufnr(c.bufnr) },
        position = { line = row, character = col + 11 },
      })
      if err then
        return false, err
      end
      local value = result and result.contents and result.contents.value or ''
      if result.contents.kind ~= 'markdown' or not value:find('^%*%*A%*%* %(type 1%)') then
        return false, 'hover: ' .. vim.inspect(result)
      end
      return true
    end,
  },
  {
    name = 'completion offers record types after the class',
    run = function(c)
      local row, col = find_line(c.bufnr, '^ns1%s+IN A')
      if not row then
        return false, 'no ns1 A line in the fixture'
      end
      local result, err = c.request('textDocument/completion', {
        textDocument = { uri = vim.uri_from_bufnr(c.bufnr) },
        position = { line = row, character = col + 11 },
      })
      if err then
        return false, err
      end
      local items = result and (result.items or result) or {}
      local first = items[1]
      if not first or first.label ~= 'TXT' or first.kind ~= 14 or not first.textEdit then
        return false, 'first item: ' .. vim.inspect(first)
      end
      for _, item in ipairs(items) do
        if item.label == 'IN' then
          return false, 'a class is offered although one is written'
        end
      end
      return true
    end,
  },
  {
    -- Last, because it edits the buffer.
    name = 'the quick fix for txt-unquoted applies and the diagnostic goes',
    run = function(c)
      -- Neovim 0.7 keeps only part of the LSP diagnostic in user_data; its
      -- own code-action request rebuilds the rest like this.
      local target
      for _, d in ipairs(vim.diagnostic.get(c.bufnr)) do
        if code_of(d) == 'txt-unquoted' then
          for _, l in ipairs(vim.lsp.diagnostic.get_line_diagnostics(c.bufnr, d.lnum)) do
            if l.code == 'txt-unquoted' then
              target = l
            end
          end
        end
      end
      if not target then
        return false, 'no txt-unquoted diagnostic'
      end
      local result, err = c.request('textDocument/codeAction', {
        textDocument = { uri = vim.uri_from_bufnr(c.bufnr) },
        range = target.range,
        context = { diagnostics = { target } },
      })
      if err then
        return false, err
      end
      -- isPreferred is sent only to a client that declares isPreferredSupport (Neovim 0.7 does not).
      local declared = vim.lsp.protocol.make_client_capabilities().textDocument.codeAction.isPreferredSupport == true
      local action
      for _, a in ipairs(result or {}) do
        if a.title == 'Quote as one string' and a.isPreferred == (declared or nil) then
          action = a
        end
      end
      if not action then
        return false, 'code actions: ' .. vim.inspect(result)
      end
      vim.lsp.util.apply_workspace_edit(action.edit, c.client.offset_encoding)
      local row = target.range.start.line
      local line = vim.api.nvim_buf_get_lines(c.bufnr, row, row + 1, false)[1]
      if line ~= '@       IN TXT  "v=spf1 mx -all"' then
        return false, 'the line became ' .. vim.inspect(line)
      end
      local gone = vim.wait(timeout_ms, function()
        for _, d in ipairs(vim.diagnostic.get(c.bufnr)) do
          if code_of(d) == 'txt-unquoted' then
            return false
          end
        end
        return true
      end, 20)
      return gone, 'txt-unquoted is still reported after the fix'
    end,
  },
}

local failed = 0
for _, check in ipairs(CHECKS) do
  local ok, passed, why = pcall(check.run, ctx)
  if ok and passed then
    out('PASS ' .. check.name)
  else
    failed = failed + 1
    out('FAIL ' .. check.name .. ': ' .. tostring(ok and why or passed))
  end
end

finish(failed == 0 and 0 or 1)
