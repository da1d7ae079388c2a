-- The README's Neovim setup as a user has it: run by test/nvim/run.sh after
-- `luafile` of the README's init.lua block, with mailzone-language-server on
-- PATH. Opens two zone files named as users name them, and a third that
-- only gets the `zone` filetype when it is set by hand, and prints
--   PASS <name>     or     FAIL <name>: <why>
-- for each check, then "DONE".

local timeout_ms = tonumber(vim.env.MAILZONE_NVIM_TIMEOUT_MS or '15000')
local function out(s)
  io.stdout:write(s .. '\n')
end
local function check(name, ok, why)
  out((ok and 'PASS ' or 'FAIL ') .. name .. (ok and '' or (': ' .. tostring(why))))
end

local function clients_of(bufnr)
  local names = {}
  for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
    table.insert(names, client.name .. '#' .. client.id)
  end
  return names
end

vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.MAILZONE_ZONE_A))
local a = vim.api.nvim_get_current_buf()
check('a *.zone file gets the bindzone filetype', vim.bo[a].filetype == 'bindzone', vim.bo[a].filetype)
local got = vim.wait(timeout_ms, function()
  return #vim.diagnostic.get(a) > 0
end, 20)
check('the FileType autocommand starts the server and diagnostics arrive', got, vim.inspect(clients_of(a)))
local codes = {}
for _, d in ipairs(vim.diagnostic.get(a)) do
  codes[tostring(d.code)] = true
end
check('the diagnostics are the server\'s (spf-pass-all among them)', codes['spf-pass-all'], vim.inspect(codes))

vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.MAILZONE_ZONE_B))
local b = vim.api.nvim_get_current_buf()
check('a db.* file gets the bindzone filetype', vim.bo[b].filetype == 'bindzone', vim.bo[b].filetype)
vim.wait(timeout_ms, function()
  return #vim.diagnostic.get(b) > 0
end, 20)
local ca, cb = clients_of(a), clients_of(b)
check('the second zone file shares the one server', #ca == 1 and #cb == 1 and ca[1] == cb[1], vim.inspect({ ca, cb }))

-- Other plugins (and Neovim's own `*.zone` detection elsewhere) name the filetype `zone`: the same autocommand serves it.
vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.MAILZONE_ZONE_C))
local c = vim.api.nvim_get_current_buf()
check('a file of no zone name is not attached before it has a zone filetype', #clients_of(c) == 0, vim.bo[c].filetype .. ' ' .. vim.inspect(clients_of(c)))
vim.bo[c].filetype = 'zone'
local attached = vim.wait(timeout_ms, function()
  return #vim.diagnostic.get(c) > 0
end, 20)
local cc = clients_of(c)
check('setting the zone filetype attaches the one server and diagnostics arrive', attached and #cc == 1 and cc[1] == ca[1], vim.inspect({ ca, cc }))

for _, client in pairs(vim.lsp.get_active_clients()) do
  client.stop()
end
local stopped = vim.wait(5000, function()
  return #vim.lsp.get_active_clients() == 0
end, 20)
check('the server stops with the editor', stopped, vim.inspect(vim.lsp.get_active_clients()))
out('DONE')
vim.cmd('qall!')
