// `transparency serve` only: the editor's "Work with Local Repository" reads and saves the
// files of the site being previewed through the preview server (serve/editor_api.py),
// instead of the browser's folder picker. It works in every browser, needs no folder to
// be chosen, and the server decides what may be written (content/ only).
(() => {
  "use strict";
  const api = new URL("api/files/", document.baseURI);
  const headers = { "X-Transparency-Editor": "1" };
  const notFound = (path) => new DOMException(`${path} not found`, "NotFoundError");
  const call = async (method, path, init = {}) => {
    const response = await fetch(new URL(path, api), {
      method, ...init, headers: { ...headers, ...(init.headers || {}) }, cache: "no-store",
    });
    if (response.status === 404) throw notFound(path);
    if (!response.ok) {
      throw new DOMException(`${method} ${path}: ${await response.text()}`, "NotAllowedError");
    }
    return response;
  };
  const join = (dir, name) => (dir ? `${dir}/${name}` : name);
  const encode = (path) => path.split("/").map(encodeURIComponent).join("/");

  // Only data of its own on each handle (methods live on the prototype), so the editor can
  // keep a handle in IndexedDB as it does a real one.
  class FileHandle {
    constructor(path, name) { this.kind = "file"; this.name = name; this.path = path; }
    async getFile() {
      if (pending.has(this.path)) return new File([pending.get(this.path)], this.name);
      const response = await call("GET", encode(this.path));
      const modified = Number(response.headers.get("X-Modified") || Date.now());
      return new File([await response.blob()], this.name, { lastModified: modified });
    }
    async createWritable() {
      const chunks = [];
      const path = this.path;
      return {
        write: async (data) => { chunks.push(data instanceof Blob ? data : new Blob([data])); },
        close: async () => {
          const body = new Blob(chunks);
          // The editor writes to a temporary name, then moves it: keep it here until then.
          if (path.split("/").pop().startsWith(".")) { pending.set(path, body); return; }
          await call("PUT", encode(path), { body });
        },
      };
    }
    async move(dir, name) {
      const target = join(dir.path, name);
      if (pending.has(this.path)) {
        await call("PUT", encode(target), { body: pending.get(this.path) });
        pending.delete(this.path);
      } else {
        await call("POST", "", { body: JSON.stringify({ move: this.path, to: target }),
                                 headers: { "Content-Type": "application/json" } });
      }
      this.path = target;
      this.name = name;
    }
    async queryPermission() { return "granted"; }
    async requestPermission() { return "granted"; }
  }
  const pending = new Map();

  class DirectoryHandle {
    constructor(path, name) { this.kind = "directory"; this.name = name; this.path = path; }
    async *entries() {
      if (this.path === ".git") return;
      const listing = await (await call("GET", this.path ? `${encode(this.path)}/` : "")).json();
      for (const { name, kind } of listing.entries) {
        const path = join(this.path, name);
        yield [name, kind === "directory" ? new DirectoryHandle(path, name)
          : new FileHandle(path, name)];
      }
    }
    async *values() { for await (const [, handle] of this.entries()) yield handle; }
    async *keys() { for await (const [name] of this.entries()) yield name; }
    [Symbol.asyncIterator]() { return this.entries(); }
    async getDirectoryHandle(name, { create = false } = {}) {
      // The site folder is the repository's root: the editor checks for .git there.
      if (!this.path && name === ".git") return new DirectoryHandle(".git", ".git");
      const path = join(this.path, name);
      if (!create) await this.existing(name, "directory");
      return new DirectoryHandle(path, name);
    }
    // Throws as the File System Access API does unless ``name`` is here and of ``kind``.
    async existing(name, kind) {
      const path = join(this.path, name);
      const listing = await (await call("GET", this.path ? `${encode(this.path)}/` : ""))
        .json();
      const found = listing.entries.find((e) => e.name === name);
      if (!found) throw notFound(path);
      if (found.kind !== kind) throw new DOMException(path, "TypeMismatchError");
    }
    async getFileHandle(name, { create = false } = {}) {
      const path = join(this.path, name);
      if (!create && !pending.has(path)) await this.existing(name, "file");
      return new FileHandle(path, name);
    }
    async removeEntry(name) {
      const path = join(this.path, name);
      if (pending.delete(path)) return;
      await call("DELETE", encode(path));
    }
    async queryPermission() { return "granted"; }
    async requestPermission() { return "granted"; }
  }

  const ROOT = "transparency-serve-site";
  const root = () => Object.assign(new DirectoryHandle("", "site"), { root: ROOT });
  window.showDirectoryPicker = async () => root();

  // The editor keeps the folder handle in IndexedDB to sign in again after a reload. A
  // stored copy of this stand-in is plain data without its methods, so the site's root
  // handle is given back as a live one when the editor reads it.
  const result = Object.getOwnPropertyDescriptor(IDBRequest.prototype, "result");
  Object.defineProperty(IDBRequest.prototype, "result", {
    ...result,
    get() {
      const value = result.get.call(this);
      return value && value.root === ROOT && value.kind === "directory" ? root() : value;
    },
  });

  // What the form cannot check (a reporting line that loops, a grade that is not in the
  // pay scales, a meeting's day that differs from its file name) the build does: after
  // each save serve rebuilds, and a failed build's problems are shown here, as on every
  // page of the preview, but without reloading the form.
  const banner = document.createElement("section");
  banner.id = "transparency-build-problems";
  banner.setAttribute("role", "alert");
  banner.setAttribute("aria-label", "Problems found when the site was rebuilt");
  banner.hidden = true;
  banner.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:2147483647;" +
    "max-height:40vh;overflow:auto;margin:0;padding:12px 16px;background:#fff4f4;" +
    "color:#1a1a1a;border-top:4px solid #b00020;font:15px/1.4 system-ui,sans-serif";
  const show = (status) => {
    banner.replaceChildren();
    if (status.ok) { banner.hidden = true; return; }
    const heading = document.createElement("h2");
    heading.style.cssText = "font-size:17px;margin:0 0 8px";
    heading.textContent = status.summary;
    const list = document.createElement("ul");
    list.style.cssText = "margin:0;padding-left:20px";
    for (const problem of status.problems.filter((p) => p.severity === "error")) {
      const item = document.createElement("li");
      const where = problem.line ? `${problem.path}, line ${problem.line}` : problem.path;
      item.textContent = `${where}: ${problem.message}` +
        (problem.hint ? ` (${problem.hint})` : "");
      list.append(item);
    }
    banner.append(heading, list);
    banner.hidden = false;
  };
  const poll = async (epoch) => {
    try {
      const response = await fetch(`/__reload__/${epoch}`, { cache: "no-store" });
      const status = await response.json();
      show(status);
      poll(status.epoch);
    } catch {
      setTimeout(() => poll(epoch), 2000);
    }
  };
  // The sign-in screen says a folder will be asked for; here none is: say what happens.
  const PICK_A_FOLDER = /^Once prompted, select the root directory/;
  const LOCAL_HINT = "Opens this site's files on this computer (the preview you started). " +
    "There is no folder to choose: what you save goes into the site's content folder.";
  const retell = (root) => {
    if (root.nodeType === Node.TEXT_NODE) {
      if (PICK_A_FOLDER.test(root.data.trim())) root.data = LOCAL_HINT;
      return;
    }
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) retell(node);
  };
  const retellAdded = (records) => {  // only what changed, not the whole form each time
    for (const record of records) {
      if (record.type === "characterData") retell(record.target);
      else record.addedNodes.forEach(retell);
    }
  };
  document.addEventListener("DOMContentLoaded", () => {
    document.body.append(banner);
    retell(document.body);
    new MutationObserver(retellAdded).observe(document.body,
      { childList: true, subtree: true, characterData: true });
    poll(-1);
  });
})();
