(* guestfs-rs: prints the interface facts of libguestfs's API description
   (names, signatures, procedure numbers, flags, struct layouts, optional
   groups, errno names) in guestfs-rs's table format.  It is compiled against
   the generator modules of a libguestfs source tree at development time
   (see extract.sh); nothing of libguestfs is copied into this repository. *)
open Types

let rstr = function RPlainString -> "plain" | RDevice -> "device" | RMountable -> "mountable"
let sstr = function
  | PlainString -> "plain" | Device -> "device" | Mountable -> "mountable"
  | Pathname -> "pathname" | FileIn -> "filein" | FileOut -> "fileout"
  | Key -> "key" | GUID -> "guid" | Filename -> "filename"
  | Dev_or_Path -> "dev_or_path" | Mountable_or_Path -> "mountable_or_path"

let ret = function
  | RErr -> "err"
  | RInt n -> "int " ^ n
  | RInt64 n -> "int64 " ^ n
  | RBool n -> "bool " ^ n
  | RConstString n -> "const_string " ^ n
  | RConstOptString n -> "const_opt_string " ^ n
  | RString (t, n) -> Printf.sprintf "string %s %s" n (rstr t)
  | RStringList (t, n) -> Printf.sprintf "string_list %s %s" n (rstr t)
  | RStruct (n, s) -> Printf.sprintf "struct %s %s" n s
  | RStructList (n, s) -> Printf.sprintf "struct_list %s %s" n s
  | RHashtable (k, v, n) -> Printf.sprintf "hashtable %s %s %s" n (rstr k) (rstr v)
  | RBufferOut n -> "buffer " ^ n

let arg = function
  | Bool n -> "bool " ^ n
  | Int n -> "int " ^ n
  | Int64 n -> "int64 " ^ n
  | String (t, n) -> Printf.sprintf "string %s %s" n (sstr t)
  | OptString n -> "opt_string " ^ n
  | StringList (t, n) -> Printf.sprintf "string_list %s %s" n (sstr t)
  | BufferIn n -> "buffer " ^ n
  | Pointer (t, n) -> Printf.sprintf "pointer %s %s" n (String.concat "_" (String.split_on_char ' ' t))

let optarg = function
  | OBool n -> "bool " ^ n | OInt n -> "int " ^ n | OInt64 n -> "int64 " ^ n
  | OString n -> "string " ^ n | OStringList n -> "string_list " ^ n

let vis = function
  | VPublic -> None | VPublicNoFish -> Some "public_no_fish" | VStateTest -> Some "state_test"
  | VBindTest -> Some "bind_test" | VDebug -> Some "debug" | VInternal -> Some "internal"

let field = function
  | FChar -> "char" | FString -> "string" | FBuffer -> "buffer" | FUInt32 -> "uint32"
  | FInt32 -> "int32" | FUInt64 -> "uint64" | FInt64 -> "int64" | FBytes -> "bytes"
  | FUUID -> "uuid" | FOptPercent -> "opt_percent"

let () =
  let p = Printf.printf in
  let all = List.sort (fun a b -> compare a.name b.name) Actions.actions in
  List.iter (fun a ->
    let (r, args, opts) = a.style in
    p "action %s\n" a.name;
    (match a.proc_nr with Some n -> p "  proc %d\n" n | None -> ());
    let (x, y, z) = a.added in p "  added %d.%d.%d\n" x y z;
    p "  ret %s\n" (ret r);
    List.iter (fun x -> p "  arg %s\n" (arg x)) args;
    List.iter (fun x -> p "  optarg %s\n" (optarg x)) opts;
    let flags = List.filter_map (fun (b, s) -> if b then Some s else None) [
      a.config_only, "config_only"; a.progress, "progress"; a.cancellable, "cancellable";
      a.once_had_no_optargs, "once_had_no_optargs"; not a.blocking, "not_blocking";
      not a.wrapper, "no_wrapper"; a.protocol_limit_warning, "protocol_limit_warning" ] in
    if flags <> [] then p "  flags %s\n" (String.concat " " flags);
    (match vis a.visibility with Some v -> p "  visibility %s\n" v | None -> ());
    (match a.deprecated_by with
     | Not_deprecated -> () | Replaced_by s -> p "  deprecated_by %s\n" s
     | Deprecated_no_replacement -> p "  deprecated\n");
    (match a.optional with Some g -> p "  optional %s\n" g | None -> ());
    if a.fish_alias <> [] then p "  fish_alias %s\n" (String.concat " " a.fish_alias);
    (match a.fish_output with
     | Some FishOutputOctal -> p "  fish_output octal\n"
     | Some FishOutputHexadecimal -> p "  fish_output hex\n" | None -> ());
    (match a.impl with OCaml _ -> p "  daemon_impl ocaml\n" | C -> ());
    p "\n"
  ) all;
  List.iter (fun s ->
    p "struct %s\n" s.Structs.s_name;
    p "  camel %s\n" s.Structs.s_camel_name;
    if s.Structs.s_internal then p "  internal\n";
    List.iter (fun (n, f) -> p "  field %s %s\n" (field f) n) s.Structs.s_cols;
    p "\n"
  ) Structs.structs;
  List.iter (fun (e, b) -> p "event %s %d\n" e b) Events.events
