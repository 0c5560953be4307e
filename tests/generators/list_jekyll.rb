# Lists what Jekyll reads in a site, as JSON on stdout: one record per post
# (site.posts, drafts included) and per Markdown page (site.pages).
# Usage: ruby list_jekyll.rb SOURCE DESTINATION
require "jekyll"
require "json"

source, destination = ARGV
site = Jekyll::Site.new(Jekyll.configuration(
  "source" => source, "destination" => destination, "quiet" => true,
  "safe" => true, "show_drafts" => true, "future" => true, "unpublished" => true
))
site.reset
site.read
markdown = site.find_converter_instance(Jekyll::Converters::Markdown)

def day_of(value)
  value.respond_to?(:strftime) ? value.strftime("%Y-%m-%d") : nil
end

def text(value)
  value.nil? ? nil : value.to_s
end

records = site.posts.docs.map do |post|
  {
    "path" => post.relative_path, "kind" => "post", "title" => text(post.data["title"]),
    "day" => day_of(post.date), "date" => post.date.iso8601,
    "tags" => Array(post.data["tags"]).map(&:to_s),
    "categories" => Array(post.data["categories"]).map(&:to_s),
    "draft" => post.draft? || post.data["published"] == false,
    "published" => post.data["published"] != false,
  }
end
site.pages.each do |page|
  next unless markdown.matches(page.ext)
  date = page.data["date"]
  records << {
    "path" => page.relative_path, "kind" => "page", "title" => text(page.data["title"]),
    "day" => day_of(date), "date" => date.respond_to?(:iso8601) ? date.iso8601 : text(date),
    "tags" => Array(page.data["tags"]).map(&:to_s),
    "categories" => Array(page.data["categories"]).map(&:to_s),
    "draft" => page.data["published"] == false,
    "published" => page.data["published"] != false,
  }
end
puts JSON.generate(records)
