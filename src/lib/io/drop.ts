/**
 * What a drop on the page holds: files, folders (which the browser hands over as files that cannot be read), and
 * links or text. The page loads the first file and says what it did with the rest; nothing dropped navigates away.
 */

/** The parts of a `DataTransfer` this reads (a real one, or a stand-in in tests). */
export interface DropSource {
	readonly files: ArrayLike<File>;
	readonly items?: ArrayLike<{
		kind: string;
		getAsFile(): File | null;
		webkitGetAsEntry?: () => { isDirectory: boolean; name: string } | null;
	}>;
}

export interface Dropped {
	/** Files to read, in the order dropped (folders left out). */
	files: File[];
	/** Names of dropped folders. */
	folders: string[];
}

/** Sort a drop into files and folders (a drop of only links or text has neither). */
export function readDrop(transfer: DropSource): Dropped {
	const files: File[] = [];
	const folders: string[] = [];
	const items = transfer.items ? Array.from(transfer.items) : [];
	const fileItems = items.filter((item) => item.kind === 'file');
	if (fileItems.length > 0) {
		for (const item of fileItems) {
			const entry = item.webkitGetAsEntry?.() ?? null;
			const file = item.getAsFile();
			if (entry?.isDirectory) folders.push(entry.name || file?.name || 'folder');
			else if (file) files.push(file);
		}
		return { files, folders };
	}
	return { files: Array.from(transfer.files), folders };
}
